use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::{Expect, body, spawn_app};

fn committed_spec() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .expect("openapi/openapi.json is committed");
    serde_json::from_str(&text).expect("committed spec is JSON")
}

#[tokio::test]
async fn the_served_spec_is_the_committed_one() {
    let app = spawn_app().await;

    let served = app.get("/api/openapi.json", None).send().await.unwrap();

    let served = served.expect(StatusCode::OK).await;
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(
        served == committed_spec(),
        "openapi/openapi.json is out of date: run `make openapi` and commit the result"
    );
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = spawn_app().await;
    let spec = committed_spec();

    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let concrete = path
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{organisation_id}", "00000000-0000-0000-0000-000000000000");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = app.request(method.clone(), &concrete).send().await.unwrap();
            let status = response.status();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            if status == StatusCode::NOT_FOUND {
                let problem = body(response).await;
                assert_ne!(
                    problem["detail"], "There is nothing at this address.",
                    "{method} {path} is not routed"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_api_documentation_page_works_offline() {
    let app = spawn_app().await;

    let page = app.get("/api/docs/", None).send().await.unwrap();

    let page = page.checked(StatusCode::OK).await;
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(!html.contains("https://"), "no assets from a CDN");
    let script = app
        .get("/api/docs/swagger-ui-bundle.js", None)
        .send()
        .await
        .unwrap();
    script.checked(StatusCode::OK).await;
}
