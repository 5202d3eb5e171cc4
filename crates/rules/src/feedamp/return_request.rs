//! `PUT /orders/{mp_order_number}/returns/{mp_return_number}`: a marketplace return.
//! With the order as context: each returned line exists, returned quantities stay within
//! what was ordered less what was already returned, refunds within what was paid.

use crate::codes;
use std::collections::HashMap;

use orderlint_json::Value;
use orderlint_model::feedamp::{Line, Order, Return};

use super::order::is_id;
use super::{is_currency, shapes, SPEC};
use crate::fields::Obj;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::{num, quote};
use crate::{Context, Report};

pub const RETURN_TYPES: &[&str] = &["SHIP", "IN_STORE", "NO_RETURN"];
/// One return line as the context checks need it.
struct ReturnLine<'v> {
    ptr: Ptr,
    order_line: Option<&'v str>,
    quantity: Option<i64>,
    principal: Option<f64>,
    tax: Option<f64>,
    currency: Option<String>,
}

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = walk(&shapes::RETURN, v, Ptr::root(), r) else {
        return;
    };
    if let (Some(n), Some(path)) = (
        text_of(&o, "mp_order_number").filter(|n| is_id(n)),
        ctx.and_then(|c| c.path_mp_order_number.as_deref()),
    ) {
        if n != path {
            r.report_cited(
                &codes::FEEDAMP_RETURN_MP_ORDER_NUMBER_PATH_MISMATCH,
                o.at("mp_order_number").as_str(),
                format!(
                    "mp_order_number {} differs from the path's {}.",
                    quote(n),
                    quote(path)
                ),
                SPEC,
            );
        }
    }
    let lines = return_lines(&o);
    if let Some(order) = ctx.and_then(Context::order) {
        let previous = ctx.and_then(|c| c.feedamp_returns()).unwrap_or_default();
        against_order(order, previous, &lines, r);
    }
}

/// The lines as the context checks need them, each value only when the walk found it
/// well-formed; and the checks across lines.
fn return_lines<'v>(o: &Obj<'v>) -> Vec<ReturnLine<'v>> {
    let at = o.at("return_lines");
    let mut out = Vec::new();
    let Some(items) = o.present("return_lines").and_then(Value::as_array) else {
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let Some(li) = Obj::peek(item, at.idx(i), shapes::RETURN_LINE.entity) else {
            continue;
        };
        let amount = |name| {
            li.present(name)
                .and_then(Value::as_f64)
                .filter(|x| *x >= 0.0)
        };
        out.push(ReturnLine {
            ptr: li.ptr.clone(),
            order_line: text_of(&li, "mp_order_line_number").filter(|n| is_id(n)),
            quantity: li
                .present("quantity")
                .and_then(Value::as_i64)
                .filter(|q| *q >= 1),
            principal: amount("requested_refund_principal"),
            tax: amount("requested_refund_tax"),
            currency: text_of(&li, "currency")
                .filter(|c| is_currency(c))
                .map(str::to_string),
        });
    }
    out
}

/// What one order line was sold for, per unit: price less item discounts, and its item tax.
fn paid_per_unit(line: Line<Value>) -> (f64, f64) {
    let qty = line.units_f64().unwrap_or(1.0).max(1.0);
    let price = line.unit_price().unwrap_or(0.0);
    (price - line.item_discount() / qty, line.item_tax() / qty)
}

fn against_order(order: Order<Value>, previous: &[Value], lines: &[ReturnLine], r: &mut Report) {
    let already = |n: &str| -> i64 { previous.iter().map(|ret| Return(ret).units_of(n)).sum() };
    let order_currency = order.currency();
    let mut asked: HashMap<&str, i64> = HashMap::new();
    for l in lines {
        let Some(n) = l.order_line else { continue };
        let at = l.ptr.key("mp_order_line_number");
        let Some(ol) = order.line(n) else {
            let known: Vec<&str> = order.lines().filter_map(Line::mp_line_number_opt).collect();
            r.report_cited(
                &codes::FEEDAMP_RETURN_RETURN_LINE_MP_ORDER_LINE_NUMBER_UNKNOWN,
                at.as_str(),
                format!(
                    "The order has no line {}; its lines are {}.",
                    quote(n),
                    known.join(", ")
                ),
                SPEC,
            );
            continue;
        };
        if let (Some(c), Some(oc)) = (&l.currency, order_currency) {
            if c != oc {
                r.report(
                    &codes::FEEDAMP_RETURN_RETURN_LINE_CURRENCY_DIFFERS,
                    l.ptr.key("currency").as_str(),
                    format!("The return is in {c} but the order was paid in {oc}."),
                );
            }
        }
        let Some(q) = l.quantity else { continue };
        let total = asked.entry(n).or_insert(0);
        *total += q;
        let ordered = ol.units().unwrap_or(0);
        let left = ordered - already(n);
        if *total > left {
            r.report(
                &codes::FEEDAMP_RETURN_RETURN_LINE_QUANTITY_EXCEEDS_ORDERED,
                l.ptr.key("quantity").as_str(),
                format!("Line {n}: {total} units asked back, but {ordered} were ordered and {} already returned ({left} left).", ordered - left),
            );
        }
        let (unit, unit_tax) = paid_per_unit(ol);
        let max = unit * q as f64;
        if l.principal.is_some_and(|p| p > max + 0.005) {
            r.report(
                &codes::FEEDAMP_RETURN_RETURN_LINE_REQUESTED_REFUND_PRINCIPAL_EXCEEDS_PAID,
                l.ptr.key("requested_refund_principal").as_str(),
                format!(
                    "Line {n}: a refund of {} for {q} units exceeds the {} paid for them.",
                    num(l.principal.unwrap_or_default()),
                    num((max * 100.0).round() / 100.0)
                ),
            );
        }
        let max_tax = unit_tax * q as f64;
        if l.tax.is_some_and(|t| t > max_tax + 0.005) {
            r.report(
                &codes::FEEDAMP_RETURN_RETURN_LINE_REQUESTED_REFUND_TAX_EXCEEDS_PAID,
                l.ptr.key("requested_refund_tax").as_str(),
                format!(
                    "Line {n}: a tax refund of {} exceeds the {} of item tax paid on {q} units.",
                    num(l.tax.unwrap_or_default()),
                    num((max_tax * 100.0).round() / 100.0)
                ),
            );
        }
    }
}
