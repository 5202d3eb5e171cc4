//! An OpenAPI 3.1 document per API, generated from the tables the engine walks: the
//! endpoints (`request::endpoints`, each kind's row), the request bodies (`schema`), the
//! documented answers (`answers`). (Stub: filled in by the OpenAPI work.)

pub mod drift;

use serde_json::{json, Value};

use crate::Api;

/// The API's whole OpenAPI 3.1 document.
pub fn document(api: Api) -> Value {
    json!({"openapi": "3.1.0", "info": {"title": api.name(), "version": "0"}, "paths": {}})
}
