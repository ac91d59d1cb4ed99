// @generated automatically by Diesel CLI.

diesel::table! {
    affiliations (user_id, organisation_id) {
        user_id -> Text,
        organisation_id -> Text,
        position -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        proposal_id -> Text,
        expert_id -> Text,
        stage -> Text,
        status -> Text,
        assigned_by -> Text,
        assigned_at -> Timestamp,
        declared_at -> Nullable<Timestamp>,
        conflict_note -> Nullable<Text>,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Int4,
        last_seq -> Int8,
        last_hash -> Text,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> Int8,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        before_state -> Nullable<Text>,
        after_state -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    budget_lines (id) {
        id -> Text,
        partner_id -> Text,
        year -> Int4,
        category -> Text,
        amount_cents -> Int8,
        position -> Int4,
    }
}

diesel::table! {
    call_experts (id) {
        id -> Text,
        call_id -> Text,
        email -> Text,
        user_id -> Nullable<Text>,
        keywords -> Text,
        load_cap -> Int4,
        token_hash -> Text,
        invited_by -> Text,
        invited_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    calls (id) {
        id -> Text,
        title -> Text,
        description -> Text,
        status -> Text,
        settings -> Text,
        created_by -> Nullable<Text>,
        opened_at -> Nullable<Timestamp>,
        version -> Int8,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    consensus_reports (id) {
        id -> Text,
        proposal_id -> Text,
        stage -> Text,
        rapporteur_id -> Text,
        content -> Text,
        status -> Text,
        version -> Int8,
        updated_at -> Timestamp,
        shared_comments -> Nullable<Text>,
        reply -> Nullable<Text>,
        reply_version -> Int8,
        replied_at -> Nullable<Timestamp>,
        approved_at -> Nullable<Timestamp>,
        approved_by -> Nullable<Text>,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        proposal_id -> Text,
        stage -> Text,
        document_type -> Text,
        filename -> Text,
        media_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    eligibility_decisions (proposal_id, stage) {
        proposal_id -> Text,
        stage -> Text,
        eligible -> Bool,
        automatic -> Bool,
        reason -> Nullable<Text>,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    funding_decision_versions (partner_id, version) {
        partner_id -> Text,
        version -> Int8,
        decision -> Text,
        amount_cents -> Int8,
        comment -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    funding_decisions (partner_id) {
        partner_id -> Text,
        proposal_id -> Text,
        agency -> Text,
        decision -> Text,
        amount_cents -> Int8,
        comment -> Text,
        version -> Int8,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    funding_promotions (proposal_id) {
        proposal_id -> Text,
        reason -> Text,
        promoted_by -> Text,
        promoted_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        proposal_id -> Text,
        email -> Text,
        token_hash -> Text,
        invited_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        accepted_by -> Nullable<Text>,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        country -> Text,
        company_size -> Nullable<Text>,
        registration_number -> Nullable<Text>,
        created_by -> Nullable<Text>,
        version -> Int8,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    partner_contacts (partner_id, user_id) {
        partner_id -> Text,
        user_id -> Text,
        proposal_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    partners (id) {
        id -> Text,
        proposal_id -> Text,
        organisation_id -> Text,
        role -> Text,
        version -> Int8,
        created_at -> Timestamp,
    }
}

diesel::table! {
    proposals (id) {
        id -> Text,
        call_id -> Text,
        stage -> Text,
        status -> Text,
        acronym -> Text,
        title -> Text,
        abstract_text -> Text,
        keywords -> Text,
        duration_months -> Nullable<Int4>,
        start_date -> Nullable<Date>,
        research_category -> Text,
        clinical -> Text,
        invited_to_full -> Bool,
        created_by -> Text,
        submitted_at -> Nullable<Timestamp>,
        version -> Int8,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        coordinator_id -> Text,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    redress_requests (proposal_id) {
        proposal_id -> Text,
        text -> Text,
        filed_by -> Text,
        filed_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    releases (call_id) {
        call_id -> Text,
        released_at -> Timestamp,
        released_by -> Text,
        letters -> Int4,
    }
}

diesel::table! {
    reminders (assignment_id, kind) {
        assignment_id -> Text,
        kind -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    reply_windows (call_id, stage) {
        call_id -> Text,
        stage -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        opened_by -> Text,
    }
}

diesel::table! {
    results (proposal_id) {
        proposal_id -> Text,
        call_id -> Text,
        outcome -> Text,
        content -> Text,
        released_at -> Timestamp,
    }
}

diesel::table! {
    review_versions (review_id, version) {
        review_id -> Text,
        version -> Int8,
        content -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> Text,
        assignment_id -> Text,
        proposal_id -> Text,
        stage -> Text,
        content -> Text,
        status -> Text,
        version -> Int8,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    second_factors (user_id) {
        user_id -> Text,
        secret -> Text,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        last_step -> Int8,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_active_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sign_in_challenges (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        failures -> Int4,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    submission_reminders (proposal_id, stage, days) {
        proposal_id -> Text,
        stage -> Text,
        days -> Int4,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        proposal_id -> Text,
        receipt_number -> Text,
        stage -> Text,
        snapshot -> Text,
        snapshot_sha256 -> Text,
        documents -> Text,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        superseded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        full_name -> Text,
        password_hash -> Text,
        roles -> Text,
        agency -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        tokens_valid_after -> Timestamp,
        version -> Int8,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
    }
}

diesel::joinable!(affiliations -> organisations (organisation_id));
diesel::joinable!(affiliations -> users (user_id));
diesel::joinable!(assignments -> call_experts (expert_id));
diesel::joinable!(assignments -> proposals (proposal_id));
diesel::joinable!(assignments -> users (assigned_by));
diesel::joinable!(budget_lines -> partners (partner_id));
diesel::joinable!(call_experts -> calls (call_id));
diesel::joinable!(calls -> users (created_by));
diesel::joinable!(consensus_reports -> call_experts (rapporteur_id));
diesel::joinable!(consensus_reports -> proposals (proposal_id));
diesel::joinable!(consensus_reports -> users (approved_by));
diesel::joinable!(documents -> proposals (proposal_id));
diesel::joinable!(documents -> users (uploaded_by));
diesel::joinable!(eligibility_decisions -> proposals (proposal_id));
diesel::joinable!(eligibility_decisions -> users (decided_by));
diesel::joinable!(funding_decision_versions -> partners (partner_id));
diesel::joinable!(funding_decision_versions -> users (decided_by));
diesel::joinable!(funding_decisions -> partners (partner_id));
diesel::joinable!(funding_decisions -> proposals (proposal_id));
diesel::joinable!(funding_decisions -> users (decided_by));
diesel::joinable!(funding_promotions -> proposals (proposal_id));
diesel::joinable!(funding_promotions -> users (promoted_by));
diesel::joinable!(invitations -> proposals (proposal_id));
diesel::joinable!(one_time_tokens -> users (user_id));
diesel::joinable!(organisations -> users (created_by));
diesel::joinable!(partner_contacts -> partners (partner_id));
diesel::joinable!(partner_contacts -> proposals (proposal_id));
diesel::joinable!(partner_contacts -> users (user_id));
diesel::joinable!(partners -> organisations (organisation_id));
diesel::joinable!(partners -> proposals (proposal_id));
diesel::joinable!(proposals -> calls (call_id));
diesel::joinable!(proposals -> users (created_by));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(redress_requests -> proposals (proposal_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(releases -> calls (call_id));
diesel::joinable!(releases -> users (released_by));
diesel::joinable!(reminders -> assignments (assignment_id));
diesel::joinable!(reply_windows -> calls (call_id));
diesel::joinable!(reply_windows -> users (opened_by));
diesel::joinable!(results -> calls (call_id));
diesel::joinable!(results -> proposals (proposal_id));
diesel::joinable!(review_versions -> reviews (review_id));
diesel::joinable!(reviews -> assignments (assignment_id));
diesel::joinable!(reviews -> proposals (proposal_id));
diesel::joinable!(second_factors -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(sign_in_challenges -> users (user_id));
diesel::joinable!(submission_reminders -> proposals (proposal_id));
diesel::joinable!(submissions -> proposals (proposal_id));
diesel::joinable!(submissions -> users (submitted_by));

diesel::allow_tables_to_appear_in_same_query!(
    affiliations,
    assignments,
    audit_head,
    audit_log,
    budget_lines,
    call_experts,
    calls,
    consensus_reports,
    documents,
    eligibility_decisions,
    funding_decision_versions,
    funding_decisions,
    funding_promotions,
    invitations,
    one_time_tokens,
    organisations,
    outbox,
    partner_contacts,
    partners,
    proposals,
    recovery_codes,
    redress_requests,
    refresh_tokens,
    releases,
    reminders,
    reply_windows,
    results,
    review_versions,
    reviews,
    second_factors,
    sessions,
    sign_in_challenges,
    submission_reminders,
    submissions,
    users,
);
