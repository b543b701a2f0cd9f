//! The order fixture: which order numbers exist and how the emulated provider answers each.
//! Kept as a TSV file (see `fixtures/orders.tsv`) so that people reading a failing test can see
//! the sandbox's state without reading Rust.

use std::collections::HashMap;

/// The fixture compiled into the sandbox, used unless `--fixture` names another file.
pub const DEFAULT_FIXTURE: &str = include_str!("../fixtures/orders.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Behaviour {
    Resend,
    Verdict { code: i64, message: String },
    Slow,
    Http500,
    Garbage,
    Truncated,
    Oversized,
    Redirect,
    Echo,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Fixture {
    orders: HashMap<String, Behaviour>,
}

impl Fixture {
    pub fn get(&self, order: &str) -> Option<&Behaviour> {
        self.orders.get(order)
    }

    /// Strict on purpose: a typo in a fixture should stop the sandbox at start, not turn into a
    /// puzzling `-4` in some test much later.
    pub fn parse(text: &str) -> Result<Fixture, String> {
        let mut orders = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let fail = |why: &str| format!("fixture line {line_number}: {why}: {line:?}");
            let order = fields[0];
            if order.is_empty() {
                return Err(fail("empty order number"));
            }
            let behaviour = match (fields.get(1).copied(), fields.len()) {
                (Some("verdict"), 4) => {
                    let code = fields[2]
                        .parse::<i64>()
                        .map_err(|_| fail("code is not an integer"))?;
                    if code >= 0 {
                        return Err(fail("a verdict's code must be negative (0 is `resend`)"));
                    }
                    Behaviour::Verdict {
                        code,
                        message: fields[3].to_string(),
                    }
                }
                (Some("verdict"), _) => return Err(fail("verdict needs a code and a message")),
                (Some(simple), 2) => match simple {
                    "resend" => Behaviour::Resend,
                    "slow" => Behaviour::Slow,
                    "http-500" => Behaviour::Http500,
                    "garbage" => Behaviour::Garbage,
                    "truncated" => Behaviour::Truncated,
                    "oversized" => Behaviour::Oversized,
                    "redirect" => Behaviour::Redirect,
                    "echo" => Behaviour::Echo,
                    _ => return Err(fail("unknown behaviour")),
                },
                _ => {
                    return Err(fail(
                        "expected `order<TAB>behaviour[<TAB>code<TAB>message]`",
                    ));
                }
            };
            if orders.insert(order.to_string(), behaviour).is_some() {
                return Err(fail("order listed twice"));
            }
        }
        Ok(Fixture { orders })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fixture_has_the_orders_other_suites_rely_on() {
        let fixture = Fixture::parse(DEFAULT_FIXTURE).unwrap();
        for order in ["1000001", "1000002", "1000003"] {
            assert_eq!(fixture.get(order), Some(&Behaviour::Resend));
        }
        let verdict = |code: i64, message: &str| Behaviour::Verdict {
            code,
            message: message.to_string(),
        };
        assert_eq!(
            fixture.get("1000122"),
            Some(&verdict(-122, "The Certificate is in wrong state."))
        );
        assert_eq!(
            fixture.get("1000014"),
            Some(&verdict(-14, "An unknown error occurred!"))
        );
        assert_eq!(
            fixture.get("1000901"),
            Some(&verdict(
                -9901,
                "The required agreement has not been accepted."
            ))
        );
        assert_eq!(
            fixture.get("1000902"),
            Some(&verdict(-9902, "The Certificate has pending actions."))
        );
        assert_eq!(
            fixture.get("1000903"),
            Some(&verdict(-9903, "The Certificate has not been issued yet."))
        );
        assert_eq!(fixture.get("9000001"), Some(&Behaviour::Slow));
        assert_eq!(fixture.get("9000500"), Some(&Behaviour::Http500));
        assert_eq!(fixture.get("9000002"), Some(&Behaviour::Garbage));
        assert_eq!(fixture.get("9000003"), Some(&Behaviour::Truncated));
        assert_eq!(fixture.get("9000004"), Some(&Behaviour::Oversized));
        assert_eq!(fixture.get("9000302"), Some(&Behaviour::Redirect));
        assert_eq!(fixture.get("1234567"), None);
    }

    #[test]
    fn malformed_lines_are_rejected_with_their_line_number() {
        let error = Fixture::parse("# c\n1\tresend\n2\tteleport\n").unwrap_err();
        assert!(error.starts_with("fixture line 3:"), "{error}");
        assert!(Fixture::parse("1\tverdict\t-5\n").is_err());
        assert!(Fixture::parse("1\tverdict\tx\tm\n").is_err());
        assert!(Fixture::parse("1\tresend\n1\tresend\n").is_err());
    }
}
