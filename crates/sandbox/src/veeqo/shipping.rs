//! The sandbox's Rate Shopping API: get rates, book a quote, read the shipment, its label
//! and documents. What it refuses is what the rule engine calls an error the API gives
//! (structure, the customs rule abroad, one parcel above 0); what only loses Buy Shipping
//! protection (the customer_reference, the channel items) is answered with rates, whose
//! quotes say they are not protected, and with the troubleshooter's reasons in
//! `sandbox_buy_shipping_protection` (not a field of the real API). Errors have the
//! reference's shape, `{"error_messages": [...]}`.

use serde_json::{json, Value};

use super::{body_json, messages, Handled, Veeqo};
use orderlint_api::veeqo::shipping::{LABEL_FORMATS, SHIPMENTS};
use orderlint_api::{Request, Response};
use orderlint_rules::datetime::format_utc;
use orderlint_rules::veeqo::troubleshoot::troubleshoot_shipping;
use orderlint_rules::{validate, Context, Document, Kind, Severity};

/// Codes that lose the protection but that the API does not refuse.
const PROTECTION_ONLY: &[&str] = &[
    "veeqo.rates_request.customer_reference.",
    "veeqo.rates_request.channel_item.remote_id.asin",
    "veeqo.rates_request.channel_item.remote_id.not_in_order",
    "veeqo.rates_request.channel_item.quantity.exceeds_order",
];

/// The sandbox's carriers: (service carrier, service id, title, base price, per unit of
/// weight). Protected quotes carry the protections the reference lists.
const SERVICES: &[(&str, &str, &str, f64, f64)] = &[
    ("usps", "USPS_PTP_GA", "USPS Ground Advantage", 4.04, 0.9),
    ("ups", "UPS_PTP_GND", "UPS Ground", 7.25, 1.1),
    ("fedex", "FEDEX_PTP_2DAY", "FedEx 2Day", 14.5, 1.6),
];
const PROTECTIONS: &[&str] = &["CLAIMS_PROTECTED", "OTDR_PROTECTED"];

impl Veeqo {
    /// `POST /shipping/api/v1/rates`.
    pub(super) fn get_rates(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let order = self.order_numbered(body.get("customer_reference")).cloned();
        let ctx = Context {
            veeqo_order: order.clone().map(Document::from),
            ..Context::default()
        };
        let out = validate(
            Kind::VeeqoRatesRequest,
            Document::from_serde(&body).value(),
            Some(&ctx),
        );
        let errors = out.issues.iter().filter(|i| i.severity == Severity::Error);
        let (lost, refused): (Vec<_>, Vec<_>) =
            errors.partition(|i| PROTECTION_ONLY.iter().any(|c| i.code.starts_with(c)));
        if !refused.is_empty() {
            return Err(messages(
                400,
                refused.iter().map(|i| i.message.clone()).collect(),
            ));
        }
        let order_json = order.as_ref().map(Document::from_serde);
        let checks = troubleshoot_shipping(
            Document::from_serde(&body).value(),
            order_json.as_ref().map(Document::value),
        );
        let mut reasons: Vec<String> = checks
            .iter()
            .filter(|c| !c.pass)
            .map(|c| c.reason.clone())
            .collect();
        reasons.extend(lost.iter().map(|i| i.message.clone()));
        reasons.dedup();
        let protected = reasons.is_empty();
        let n = self.next();
        let remote_shipment_id = format!("prb{n:08x}");
        let weight = body["parcels"][0]["weight"].as_f64().unwrap_or(1.0);
        let currency = body["currency_code"].as_str().unwrap_or("USD").to_string();
        let quotes: Vec<Value> = SERVICES
            .iter()
            .map(|(carrier, service, title, base, per)| {
                let q = self.next();
                let price = format!("{:.2}", base + per * weight);
                json!({
                    "carrier": "amazon_shipping_v2",
                    "service_carrier": carrier,
                    "service_id": service,
                    "title": title,
                    "sub_carrier_id": carrier.to_ascii_uppercase(),
                    "remote_shipment_id": remote_shipment_id,
                    "name": format!("amazon_shipping_v2-{q:08x}-0000-4000-8000-{n:012x}"),
                    "base_rate": price,
                    "total_net_charge": price,
                    "currency": currency,
                    "protected": protected,
                    "protections": if protected { PROTECTIONS } else { &[] },
                })
            })
            .collect();
        let answer = json!({
            "remote_shipment_id": remote_shipment_id,
            "request_token": format!("token-{n:x}"),
            "quotes": quotes,
            "sandbox_buy_shipping_protection": {
                "eligible": protected,
                "reasons": reasons,
                "note": "Added by the orderlint sandbox; the real API does not return this field.",
            },
        });
        let mut kept = answer.clone();
        kept["request"] = body;
        self.rate_requests.push(kept);
        Ok(Response::json(200, &answer))
    }

    /// The sandbox's order whose number is `reference`, as the context of a rates request.
    fn order_numbered(&self, reference: Option<&Value>) -> Option<&Value> {
        let r = reference?.as_str()?;
        self.orders.iter().find(|o| o["number"] == r)
    }

    /// `POST /shipping/api/v1/shipments`: each shipment books a quote of its rates answer.
    pub(super) fn book_shipment(&mut self, req: &Request, now_ms: u64) -> Handled {
        let body = body_json(req)?;
        let out = validate(
            Kind::VeeqoShipmentBooking,
            Document::from_serde(&body).value(),
            None,
        );
        let refused: Vec<String> = out
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| i.message.clone())
            .collect();
        if !refused.is_empty() {
            return Err(messages(400, refused));
        }
        let default_format = body["label_format"].as_str().unwrap_or("PDF");
        let mut booked = Vec::new();
        for s in body["shipments"].as_array().into_iter().flatten() {
            let id = s["remote_shipment_id"].as_str().unwrap_or_default();
            let rate = s["rate_id"].as_str().unwrap_or_default();
            let Some(rates) = self
                .rate_requests
                .iter()
                .find(|r| r["remote_shipment_id"] == id)
            else {
                return Err(messages(
                    404,
                    vec![format!("Shipment {id} not found: get rates first")],
                ));
            };
            if let Some(t) = body["request_token"].as_str() {
                if rates["request_token"] != t {
                    return Err(messages(
                        422,
                        vec![format!(
                            "request_token {t} is not the one of shipment {id}'s rates"
                        )],
                    ));
                }
            }
            let Some(quote) = rates["quotes"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|q| q["name"] == rate)
            else {
                return Err(messages(
                    422,
                    vec![format!("rate_id {rate} is not a quote of shipment {id}")],
                ));
            };
            if self.shipments.iter().any(|b| b["remote_shipment_id"] == id)
                || booked.iter().any(|b: &Value| b["remote_shipment_id"] == id)
            {
                return Err(messages(
                    422,
                    vec![format!("Shipment {id} is already booked")],
                ));
            }
            let tracking = format!("9341{:018}", self.next_id + 1 + booked.len() as u64);
            let format = s["label_format"]
                .as_str()
                .unwrap_or(default_format)
                .to_ascii_lowercase();
            let at = format_utc((now_ms / 1000) as i64);
            let abroad = rates["request"]["channel_items"].is_array()
                && rates["request"]["to_address"]["country_code"]
                    != rates["request"]["from_address"]["country_code"];
            let mut shipment = json!({
                "remote_shipment_id": id,
                "tracking_number": tracking,
                "carrier": quote["sub_carrier_id"],
                "sub_carrier_id": quote["sub_carrier_id"],
                "service_name": quote["title"],
                "service_id": quote["service_id"],
                "label_url": format!("{SHIPMENTS}/{id}/label.{format}"),
                "total_net_charge": quote["total_net_charge"],
                "currency": quote["currency"],
                "protected": quote["protected"],
                "protections": quote["protections"],
                "booked_at": at,
                "created_at": at,
                "updated_at": at,
            });
            if abroad {
                shipment["documents"] = json!([{
                    "type": "COMMERCIAL_INVOICE",
                    "url": format!("{SHIPMENTS}/{id}/documents/commercial_invoice.pdf"),
                }]);
            }
            booked.push(shipment);
        }
        self.next_id += booked.len() as u64;
        self.shipments.extend(booked.iter().cloned());
        Ok(Response::json(200, &json!({ "shipments": booked })))
    }

    fn find_shipment(&self, id: &str) -> Result<&Value, Response> {
        self.shipments
            .iter()
            .find(|s| s["remote_shipment_id"] == id || s["tracking_number"] == id)
            .ok_or_else(|| messages(404, vec!["Shipment not found".into()]))
    }

    /// `GET /shipping/api/v1/shipments/{id}`: by remote shipment id or tracking number.
    pub(super) fn get_shipment(&self, id: &str) -> Handled {
        Ok(Response::json(200, self.find_shipment(id)?))
    }

    /// `GET /shipping/api/v1/shipments/{id}/label.<format>` and its documents: stand-in
    /// files, labelled as the sandbox's.
    pub(super) fn get_shipment_file(&self, id: &str, file: &[&str]) -> Handled {
        let s = self.find_shipment(id)?;
        let (name, ext) = match file {
            [f] => f.rsplit_once('.').unwrap_or((f, "")),
            ["documents", "commercial_invoice.pdf"] if s.get("documents").is_some() => {
                ("commercial_invoice", "pdf")
            }
            _ => return Err(messages(404, vec!["Document not found".into()])),
        };
        if name == "label" && !LABEL_FORMATS.iter().any(|f| f.eq_ignore_ascii_case(ext)) {
            return Err(messages(400, vec![format!("Invalid label format: {ext}")]));
        }
        if name != "label" && name != "commercial_invoice" {
            return Err(messages(404, vec!["Document not found".into()]));
        }
        let what = format!("orderlint sandbox {name} for shipment {id}: not a real {name}");
        let (content_type, body) = match ext.to_ascii_lowercase().as_str() {
            "pdf" => ("application/pdf", format!("%PDF-1.4\n% {what}\n%%EOF\n")),
            "zpl" => (
                "application/zpl",
                format!("^XA^FO50,50^A0N,30,30^FD{what}^FS^XZ\n"),
            ),
            "png" => ("image/png", what),
            _ => ("image/jpeg", what),
        };
        Ok(Response {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        })
    }
}
