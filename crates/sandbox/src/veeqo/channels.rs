//! The sandbox's channels: create (with Veeqo's checks on type code and short name), list
//! page by page, and read one.

use serde_json::{json, Value};

use super::{body_json, id_of, messages, not_found, paged, root, text, Handled, Veeqo, TYPE_CODES};
use orderlint_api::{Request, Response};
use orderlint_rules::iso;
use orderlint_rules::veeqo::channel::SHORT_NAME_MAX;
use orderlint_rules::Kind;

impl Veeqo {
    pub(super) fn create_channel(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let ch = &root(&body, Kind::VeeqoChannel)?;
        let mut errs = Vec::new();
        let name = text(ch, "name");
        if name.is_none() {
            errs.push("Name can't be blank".to_string());
        }
        // Optional in Veeqo's API reference (stores.md); at most 2 characters.
        if let Some(s) = text(ch, "short_name") {
            if s.chars().count() > SHORT_NAME_MAX {
                errs.push(format!(
                    "Short name is too long (maximum is {SHORT_NAME_MAX} characters)"
                ));
            }
        }
        let type_code = text(ch, "type_code");
        match type_code {
            None => errs.push("Type code can't be blank".into()),
            Some(t) if !TYPE_CODES.contains(&t) => {
                errs.push("Type code is not included in the list".into())
            }
            _ => {}
        }
        let currency = text(ch, "currency_code").unwrap_or("USD");
        if !iso::is_currency(currency) {
            errs.push("Currency code is not a valid ISO 4217 currency".into());
        }
        let integration = ch
            .get("custom_integration_channel_specific_attributes")
            .and_then(|a| a.get("integration_type"))
            .and_then(Value::as_str);
        if type_code == Some("custom_integration") && integration.is_none() {
            errs.push("Custom integration channel specific integration type can't be blank".into());
        }
        if !errs.is_empty() {
            return Err(messages(422, errs));
        }
        let id = self.next();
        let mut channel = json!({
            "id": id,
            "type_code": type_code,
            "name": name,
            "short_name": text(ch, "short_name"),
            "currency_code": currency,
            "state": "active",
            "veeqo_dictates_stock_level": matches!(ch.get("veeqo_dictates_stock_level"), Some(Value::Bool(true))) || ch.get("veeqo_dictates_stock_level").and_then(Value::as_str) == Some("true"),
        });
        if let Some(it) = integration {
            channel["custom_integration_channel_specific"] = json!({ "integration_type": it });
        }
        self.channels.push(channel.clone());
        Ok(Response::json(201, &channel))
    }

    pub(super) fn list_channels(&self, query: &[(String, String)]) -> Response {
        paged(self.channels.iter().collect(), query)
    }

    pub(super) fn find_channel(&self, id: u64) -> Option<&Value> {
        self.channels.iter().find(|c| id_of(c) == Some(id))
    }

    pub(super) fn get_channel(&self, id: &str) -> Handled {
        id.parse()
            .ok()
            .and_then(|id| self.find_channel(id))
            .map(|c| Response::json(200, c))
            .ok_or_else(|| not_found(&format!("Channel {id}")))
    }
}
