//! Documents of a proposal: uploaded by its consortium (streamed, limited in
//! size while reading, typed by content), read by whoever may see the proposal.

use actix_files::NamedFile;
use actix_multipart::Multipart;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::{self, document};
use crate::auth::AuthUser;
use crate::db::documents::DocumentRow;
use crate::db::{self, audit};
use crate::domain::call::DocumentRequirement;
use crate::domain::ids::{DocumentId, ProposalId, UserId};
use crate::domain::media::{clean_filename, sniff};
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::proposal::load_proposal;
use crate::state::SharedState;
use crate::storage::Upload;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DocumentResponse {
    #[schema(value_type = String)]
    pub id: DocumentId,
    pub document_type: String,
    pub filename: String,
    /// As found in the content, not as claimed by the name.
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, in hex.
    pub sha256: String,
    #[schema(value_type = String)]
    pub uploaded_by: UserId,
    pub created_at: DateTime<Utc>,
}

impl From<&DocumentRow> for DocumentResponse {
    fn from(row: &DocumentRow) -> Self {
        Self {
            id: row.id.clone(),
            document_type: row.document_type.clone(),
            filename: row.filename.clone(),
            media_type: row.media_type.clone(),
            size_bytes: row.size_bytes,
            sha256: row.sha256.clone(),
            uploaded_by: row.uploaded_by.clone(),
            created_at: row.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// One of the call's document types for the proposal's stage, e.g. `project_description`.
    #[param(max_length = 64)]
    pub document_type: String,
}

/// The multipart body of an upload: one part named `file`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload a document
///
/// A `multipart/form-data` body with one part `file`. The size limit and the
/// accepted media types are the call's, for this document type; the type is
/// judged from the content. A refused upload leaves nothing behind. A proposal
/// holds at most `JOINTCALL_QUOTA_DOCUMENTS` documents of
/// `JOINTCALL_QUOTA_PROPOSAL_MIB` together (409 `quota-exceeded`).
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/documents", tag = "documents",
    params(("id" = String, Path, description = "The proposal's id."), UploadQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored.", body = DocumentResponse),
        (status = 400, description = "Not a multipart body with a `file` part.", body = Problem, content_type = "application/problem+json"),
        problems::Unauthenticated,
        problems::MembersOnly,
        problems::ProposalNotFound,
        problems::ProposalFrozen,
        (status = 413, description = "Larger than the call allows for this document type.", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The content is not of an accepted media type.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown document type for this call and stage.", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The document store failed; nothing was kept. Retry after the Retry-After seconds.", body = Problem, content_type = "application/problem+json"),
        (status = 507, description = "The document store is full; nothing was kept. Retry later.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_document(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    query: web::Query<UploadQuery>,
    mut payload: Multipart,
) -> Result<HttpResponse, ApiError> {
    super::support::query_within(&[("document_type", Some(&query.document_type), 64)])?;
    let id = id.into_inner();
    let document_type = query.into_inner().document_type;
    // Check everything that needs no bytes before reading any.
    let (requirement, stage) = {
        let (id, user, document_type) = (id.clone(), user.clone(), document_type.clone());
        let (now, quotas) = (state.clock.now(), state.config.quotas);
        state
            .db(move |conn| document::requirement(conn, &user, &id, &document_type, now, quotas))
            .await?
    };
    let mut field = file_field(&mut payload).await?;
    let filename = clean_filename(
        field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or("document"),
    );
    let temp = state
        .store
        .begin()
        .map_err(|e| ApiError::storage("starting an upload", &e))?;
    let limit = u64::try_from(requirement.max_size_bytes).unwrap_or(0);
    let received = receive(&mut field, temp.clone(), limit)
        .await
        .and_then(|(_, sha256, size, head)| typed(&requirement, sha256, size, &head));
    let key = uuid::Uuid::new_v4().to_string();
    let result = match received {
        Ok((media_type, sha256, size)) => {
            let (st, temp, key) = (state.get_ref().clone(), temp.clone(), key.clone());
            let upload = document::Received {
                stage,
                document_type,
                filename,
                media_type,
                size,
                sha256,
            };
            app::act(&state, user, move |cx| {
                document::keep(cx, st.store.as_ref(), &id, upload, &temp, &key)
            })
            .await
        }
        Err(error) => Err(error),
    };
    if result.is_err() {
        // Nothing of a refused or failed upload is kept.
        let _ = state.store.remove(&temp);
        let _ = state.store.remove(&state.store.path_of(&key));
    }
    Ok(HttpResponse::Created().json(DocumentResponse::from(&result?)))
}

/// The multipart part named `file`; other parts are skipped unread.
async fn file_field(payload: &mut Multipart) -> Result<actix_multipart::Field, ApiError> {
    loop {
        match payload.next().await {
            None => {
                return Err(ApiError::BadRequest(
                    "Send the document in a multipart part named `file`.".to_owned(),
                ));
            }
            Some(Err(e)) => {
                return Err(ApiError::BadRequest(format!(
                    "The multipart body could not be read: {e}"
                )));
            }
            Some(Ok(field)) if field.name() == Some("file") => return Ok(field),
            Some(Ok(_)) => {}
        }
    }
}

/// The received file's type by its content, if the call accepts it.
fn typed(
    requirement: &DocumentRequirement,
    sha256: String,
    size: u64,
    head: &[u8],
) -> Result<(&'static str, String, u64), ApiError> {
    let media_type = sniff(head);
    if requirement.media_types.iter().any(|m| m == media_type) {
        Ok((media_type, sha256, size))
    } else {
        Err(ApiError::UnsupportedMediaType(format!(
            "The file is {media_type} by its content; this document must be {}.",
            requirement.media_types.join(" or ")
        )))
    }
}

async fn receive(
    field: &mut actix_multipart::Field,
    temp: std::path::PathBuf,
    limit: u64,
) -> Result<(std::path::PathBuf, String, u64, Vec<u8>), ApiError> {
    let io = |e: std::io::Error| ApiError::storage("writing an upload", &e);
    let mut upload = Upload::create(temp).await.map_err(io)?;
    while let Some(chunk) = field.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("The upload broke off: {e}")))?;
        if upload.size + chunk.len() as u64 > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "This document may have at most {limit} bytes."
            )));
        }
        upload.write(&chunk).await.map_err(io)?;
    }
    upload.finish().await.map_err(io)
}

/// List a proposal's documents
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/documents", tag = "documents",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The documents, oldest first.", body = Vec<DocumentResponse>),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn list_documents(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rows = state
        .db(move |conn| {
            load_proposal(conn, &user, &id)?;
            Ok(db::documents::list(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(DocumentResponse::from).collect::<Vec<_>>()))
}

/// Download a document
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/documents/{document_id}", tag = "documents",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("document_id" = String, Path, description = "The document's id."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file, as uploaded.", body = Vec<u8>, content_type = "application/octet-stream"),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal or document, or not yours to see.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn download_document(
    state: web::Data<SharedState>,
    user: AuthUser,
    req: HttpRequest,
    path: web::Path<(ProposalId, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let row = state
        .db(move |conn| {
            load_proposal(conn, &user, &id)?;
            Ok(db::documents::find(conn, &id, &document_id)?)
        })
        .await?;
    let file = NamedFile::open_async(state.store.path_of(&row.storage_key))
        .await
        .map_err(|e| {
            ApiError::Internal(anyhow::anyhow!(
                "document {} missing from the store: {e}",
                row.id
            ))
        })?;
    let media_type = row
        .media_type
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    Ok(file
        .set_content_type(media_type)
        .set_content_disposition(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(row.filename.clone())],
        })
        .into_response(&req))
}

/// Delete a document
///
/// Any member, on a draft before the deadline.
#[utoipa::path(
    delete, path = "/api/v1/proposals/{id}/documents/{document_id}", tag = "documents",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("document_id" = String, Path, description = "The document's id."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted."),
        problems::Unauthenticated,
        problems::MembersOnly,
        (status = 404, description = "No such proposal or document, or not yours to see.", body = Problem, content_type = "application/problem+json"),
        problems::ProposalFrozen,
    )
)]
pub async fn delete_document(
    state: web::Data<SharedState>,
    user: AuthUser,
    path: web::Path<(ProposalId, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            ctx.require_member()?;
            let row = db::documents::find(conn, &id, &document_id)?;
            ctx.require_editable(now)?;
            db::documents::delete(conn, &row.id)?;
            db::proposals::touch(conn, &id, now.naive_utc())?;
            audit::Change::new(Some(&user.id), "proposal.document_deleted", "proposal", &id)
                .before_of(&row)
                .record(conn, now)?;
            Ok(row)
        })
        .await?;
    // After the commit: a failure here leaves an unreferenced file, never a dangling row.
    if let Err(e) = state.store.remove(&state.store.path_of(&row.storage_key)) {
        tracing::warn!(document = %row.id, error = %e, "deleted document's file could not be removed");
    }
    Ok(HttpResponse::NoContent().finish())
}
