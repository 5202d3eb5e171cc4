//! Bulk work: a file of payloads of one kind, validated together and sent at the API's
//! pace. Pure, like the rest of the core: the page reads the file, runs the clock and does
//! the HTTP; everything it decides with lives here.

pub mod export;
pub mod input;
pub mod kind;
pub mod lookup;
pub mod send;

use orderlint_api::Api;
use orderlint_api::{feedamp, veeqo, Request};
use orderlint_rules::Kind;

/// The request that sends one payload of `kind`, for the kinds whose payload alone makes
/// the request. Others (error reports, returns) need ids from elsewhere: validate-only.
pub fn request_for(kind: Kind, body: &str) -> Option<(Api, Request)> {
    Some(match kind {
        Kind::VeeqoChannel => (Api::Veeqo, veeqo::create_channel(body)),
        Kind::VeeqoProduct => (Api::Veeqo, veeqo::create_product(body)),
        Kind::VeeqoChannelSellable => (Api::Veeqo, veeqo::create_channel_sellable(body)),
        // The listing's id is its body's data.id, which the rules hold to the path's.
        Kind::VeeqoChannelSellableUpdate => {
            let id = orderlint_text::locate::string_at(body, "/data/id").unwrap_or_default();
            (Api::Veeqo, veeqo::update_channel_sellable(&id, body))
        }
        Kind::VeeqoOrder => (Api::Veeqo, veeqo::create_order(body)),
        Kind::FeedampOrder => (Api::Feedamp, feedamp::put_order_for(body)),
        _ => return None,
    })
}

/// The API a payload of `kind` is sent to, for the kinds [`request_for`] can send.
pub fn api_for(kind: Kind) -> Option<Api> {
    request_for(kind, "{}").map(|(api, _)| api)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sendable_kinds_build_their_own_requests() {
        let (api, req) = request_for(Kind::FeedampOrder, r#"{"mp_order_number": "A 1"}"#).unwrap();
        assert_eq!(
            (api, req.target()),
            (Api::Feedamp, "/orders/A%201".to_string())
        );
        let (_, req) = request_for(Kind::FeedampOrder, r#"{"mp_order_number": "A/1"}"#).unwrap();
        assert!(req.refused.is_some(), "never sent, whatever the rules said");
        let (_, req) = request_for(
            Kind::VeeqoChannelSellableUpdate,
            r#"{"data": {"id": "55", "type": "channel_sellables"}}"#,
        )
        .unwrap();
        assert_eq!(req.path, "/api/v2/channel_sellables/55");
        let (_, req) = request_for(Kind::VeeqoChannelSellableUpdate, r#"{"data": {}}"#).unwrap();
        assert!(req.refused.is_some(), "no id, no request");
        let (api, req) = request_for(Kind::VeeqoOrder, "{}").unwrap();
        assert_eq!((api, req.path.as_str()), (Api::Veeqo, "/orders"));
        assert_eq!(api_for(Kind::FeedampOrderErrors), None);
        let sendable: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| api_for(**k).is_some())
            .map(|k| k.name())
            .collect();
        assert_eq!(
            sendable,
            [
                "veeqo.channel",
                "veeqo.product",
                "veeqo.channel_sellable",
                "veeqo.channel_sellable_update",
                "veeqo.order",
                "feedamp.order"
            ]
        );
    }
}
