//! The kinds of payload the engine knows, by the names the CLI, the JS module and the UI use.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    VeeqoChannel,
    VeeqoProduct,
    VeeqoChannelSellable,
    VeeqoOrder,
    FeedampTokenRequest,
    FeedampAuthorizeUrl,
    FeedampOrder,
    FeedampOrdersQuery,
    FeedampOrderErrors,
    FeedampRefundsQuery,
    FeedampRefundErrors,
    FeedampReturn,
    FeedampReturnsQuery,
    FeedampReturnErrors,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::VeeqoChannel,
        Kind::VeeqoProduct,
        Kind::VeeqoChannelSellable,
        Kind::VeeqoOrder,
        Kind::FeedampTokenRequest,
        Kind::FeedampAuthorizeUrl,
        Kind::FeedampOrder,
        Kind::FeedampOrdersQuery,
        Kind::FeedampOrderErrors,
        Kind::FeedampRefundsQuery,
        Kind::FeedampRefundErrors,
        Kind::FeedampReturn,
        Kind::FeedampReturnsQuery,
        Kind::FeedampReturnErrors,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::VeeqoChannel => "veeqo.channel",
            Kind::VeeqoProduct => "veeqo.product",
            Kind::VeeqoChannelSellable => "veeqo.channel_sellable",
            Kind::VeeqoOrder => "veeqo.order",
            Kind::FeedampTokenRequest => "feedamp.token_request",
            Kind::FeedampAuthorizeUrl => "feedamp.authorize_url",
            Kind::FeedampOrder => "feedamp.order",
            Kind::FeedampOrdersQuery => "feedamp.orders_query",
            Kind::FeedampOrderErrors => "feedamp.order_errors",
            Kind::FeedampRefundsQuery => "feedamp.refunds_query",
            Kind::FeedampRefundErrors => "feedamp.refund_errors",
            Kind::FeedampReturn => "feedamp.return",
            Kind::FeedampReturnsQuery => "feedamp.returns_query",
            Kind::FeedampReturnErrors => "feedamp.return_errors",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.name()).collect()
    }
}

/// The kind a payload plainly is, by the key that only that kind's body has, with that
/// key; `None` when nothing is that plain. Used to say "this is a channel" rather than
/// report a channel's fields one by one as an order's.
pub fn looks_like(v: &orderlint_json::Value) -> Option<(Kind, &'static str)> {
    let m = v.as_object()?;
    let has = |k: &str| m.contains_key(k);
    let found = if has("channel") && !has("order") && !has("product") {
        (Kind::VeeqoChannel, "\"channel\"")
    } else if has("product") && !has("order") && !has("channel") {
        (Kind::VeeqoProduct, "\"product\"")
    } else if has("order") && !has("channel") && !has("product") {
        (Kind::VeeqoOrder, "\"order\"")
    } else if m
        .get("data")
        .and_then(|d| d.get("type"))
        .and_then(|t| t.as_str())
        == Some("channel_sellables")
    {
        (
            Kind::VeeqoChannelSellable,
            "data.type \"channel_sellables\"",
        )
    } else if has("order_lines") && has("mp_order_number") {
        (Kind::FeedampOrder, "\"order_lines\"")
    } else if has("return_lines") {
        (Kind::FeedampReturn, "\"return_lines\"")
    } else if has("grant_type") {
        (Kind::FeedampTokenRequest, "\"grant_type\"")
    } else {
        return None;
    };
    Some(found)
}

/// By its name, as the CLI and the JS module print it.
impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown kind name, with the closest known one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind \"{0}\"; known kinds: {names}.{hint}", names = Kind::names().join(", "), hint = super::text::suggestion(&self.0, &Kind::names()))]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.name().parse::<Kind>(), Ok(*k));
        }
        let err = "veeqo.ordr".parse::<Kind>().unwrap_err().to_string();
        assert!(err.contains("Did you mean \"veeqo.order\""), "{err}");
    }
}
