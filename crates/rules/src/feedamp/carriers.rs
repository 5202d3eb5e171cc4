//! The spec's Carrier enum, with its exact spellings ("FedEx", "Fedex Freight").

pub const CARRIERS: &[&str] = &[
    "4PX",
    "A-1",
    "AAA Cooper",
    "ABF",
    "Asendia",
    "Best Buy",
    "Blue Package",
    "Canada Post",
    "CEVA",
    "China Post",
    "Conway",
    "DHL",
    "DHL eCommerce",
    "Estes",
    "FedEx",
    "Fedex Freight",
    "FedEx SmartPost",
    "First Mile",
    "Hongkong Post",
    "Hunter Logistics",
    "India Post",
    "JCEX",
    "Lasership",
    "Newgistics",
    "Old Dominion",
    "OnTrac",
    "OSM",
    "Pilot Freight",
    "R+L",
    "Roadrunner",
    "Royal Mail",
    "Saia",
    "SF Express",
    "SFC",
    "Singapore Post",
    "South Eastern Freight Lines",
    "Streamlite",
    "UPS",
    "UPS Freight",
    "UPS Mail Innovations",
    "Urban Express",
    "USPS",
    "WanbExpress",
    "Watkins and Shepard",
    "YANWEN",
    "Yellow Freight",
    "Yun Express",
    "Other",
];

pub fn is_carrier(name: &str) -> bool {
    CARRIERS.contains(&name)
}

/// Whether a tracking number has the shape its carrier uses; unknown carriers pass.
pub fn tracking_number_fits(carrier: &str, number: &str) -> bool {
    let n = number.trim();
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let digits = n.bytes().all(|b| b.is_ascii_digit());
    match carrier {
        "UPS" => n.len() == 18 && n.starts_with("1Z"),
        "FedEx" => digits && [12, 15, 20, 22].contains(&n.len()),
        "USPS" => (digits && (20..=22).contains(&n.len())) || n.len() == 13,
        _ => true,
    }
}
