//! The credentials secret's JSON: one OAuth client, `{"clientId": "...", "clientSecret": "..."}`,
//! or several, `{"clients": [{"clientId": "...", "clientSecret": "..."}, ...]}` (a token pool
//! over several OAuth clients, each token with its own budget).
//!
//! What is wrong is said in words that never echo a value: serde's own type errors quote the value
//! they met (``invalid type: integer `123`...``), so the shape is checked field by field and only
//! field names, list positions and JSON type names are reported.

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value};

use crate::external::json_type;
use crate::genesys::{OAuthClient, OAuthClients};

/// The OAuth clients of a secret's JSON text, or what is wrong with it.
pub(super) fn parse_secret(text: &str) -> Result<OAuthClients, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let syntax = match e.classify() {
            serde_json::error::Category::Eof => "it ends too early",
            _ => "its syntax is invalid",
        };
        format!("the secret is not json ({syntax})")
    })?;
    let Value::Object(mut fields) = value else {
        return Err(format!(
            "the secret is a json {}, not an object",
            json_type(&value)
        ));
    };
    let Some(list) = fields.remove("clients") else {
        return one_client(fields, "").map(OAuthClients::from);
    };
    if fields.contains_key("clientId") || fields.contains_key("clientSecret") {
        return Err(
            "the secret holds both clients and clientId/clientSecret: use one form".to_owned(),
        );
    }
    let Value::Array(items) = list else {
        return Err(format!(
            "clients is a json {}, not an array",
            json_type(&list)
        ));
    };
    let mut clients: Vec<OAuthClient> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let Value::Object(fields) = item else {
            return Err(format!(
                "clients[{i}] is a json {}, not an object",
                json_type(&item)
            ));
        };
        let client = one_client(fields, &format!("clients[{i}]."))?;
        if let Some(first) = clients.iter().position(|c| c.id() == client.id()) {
            return Err(format!(
                "clients[{i}].clientId is the same as clients[{first}].clientId: list each OAuth client once (GENESYS_TOKEN_POOL_SIZE sets the tokens per client)"
            ));
        }
        clients.push(client);
    }
    OAuthClients::new(clients).ok_or_else(|| {
        "clients is empty: put at least one {clientId, clientSecret} into it".to_owned()
    })
}

/// `clientId` and `clientSecret` of one object; `at` prefixes the field names in errors.
fn one_client(mut fields: Map<String, Value>, at: &str) -> Result<OAuthClient, String> {
    let mut take = |name: &str| match fields.remove(name) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "{at}{name} is a json {}, not a string",
            json_type(&other)
        )),
        None => Err(format!("{at}{name} is missing")),
    };
    let client_id = take("clientId")?;
    let client_secret = SecretString::from(take("clientSecret")?);
    if client_id.trim().is_empty() || client_secret.expose_secret().is_empty() {
        return Err(format!(
            "{at}clientId or {at}clientSecret is empty: put the Genesys OAuth client's credentials into the secret"
        ));
    }
    Ok(OAuthClient::new(client_id, client_secret))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn ids(clients: &OAuthClients) -> Vec<&str> {
        clients.iter().map(OAuthClient::id).collect()
    }

    #[test]
    fn one_client_is_a_list_of_one() {
        let clients = parse_secret(r#"{"clientId": "id-1", "clientSecret": "s-1"}"#).unwrap();

        assert_eq!(ids(&clients), ["id-1"]);
        assert_eq!(clients.first().secret().expose_secret(), "s-1");
    }

    #[test]
    fn the_list_form_gives_every_client_in_order() {
        let text = r#"{"clients": [
            {"clientId": "id-1", "clientSecret": "s-1"},
            {"clientId": "id-2", "clientSecret": "s-2"},
            {"clientId": "id-3", "clientSecret": "s-3"}
        ]}"#;

        let clients = parse_secret(text).unwrap();

        assert_eq!(ids(&clients), ["id-1", "id-2", "id-3"]);
        let secrets: Vec<&str> = clients.iter().map(|c| c.secret().expose_secret()).collect();
        assert_eq!(secrets, ["s-1", "s-2", "s-3"]);
    }

    #[test]
    fn a_list_entry_with_a_wrong_field_is_named_by_position_without_its_value() {
        let text = r#"{"clients": [
            {"clientId": "id-1", "clientSecret": "s-1"},
            {"clientId": "id-2", "clientSecret": 5550001112223}
        ]}"#;

        let reason = parse_secret(text).err().unwrap();

        assert_eq!(
            reason,
            "clients[1].clientSecret is a json number, not a string"
        );
    }

    #[test]
    fn malformed_lists_are_refused_with_the_reason() {
        let cases = [
            (r#"{"clients": []}"#, "clients is empty"),
            (
                r#"{"clients": {"clientId": "a"}}"#,
                "clients is a json object, not an array",
            ),
            (
                r#"{"clients": ["a:b"]}"#,
                "clients[0] is a json string, not an object",
            ),
            (
                r#"{"clients": [{"clientSecret": "s"}]}"#,
                "clients[0].clientId is missing",
            ),
            (
                r#"{"clients": [{"clientId": "a", "clientSecret": ""}]}"#,
                "clients[0].clientId or clients[0].clientSecret is empty",
            ),
            (
                r#"{"clients": [{"clientId": "a", "clientSecret": "x"}, {"clientId": "a", "clientSecret": "y"}]}"#,
                "clients[1].clientId is the same as clients[0].clientId",
            ),
            (
                r#"{"clientId": "a", "clientSecret": "x", "clients": [{"clientId": "b", "clientSecret": "y"}]}"#,
                "holds both clients and clientId/clientSecret",
            ),
        ];
        for (text, expected) in cases {
            let reason = parse_secret(text).err().unwrap();
            assert!(reason.contains(expected), "{text}: {reason}");
        }
    }

    #[test]
    fn a_wrongly_typed_client_secret_is_named_but_never_echoed() {
        let text = r#"{"clientId": "id-1", "clientSecret": 918273645546372}"#;

        let reason = parse_secret(text).err().unwrap();

        assert!(reason.contains("clientSecret is a json number"), "{reason}");
        assert!(!reason.contains("918273645546372"), "{reason}");
    }

    #[test]
    fn a_secret_that_is_a_bare_string_is_refused_without_its_value() {
        let reason = parse_secret(r#""the-whole-secret""#).err().unwrap();

        assert!(reason.contains("a json string, not an object"), "{reason}");
        assert!(!reason.contains("the-whole-secret"), "{reason}");
    }

    proptest! {
        #[test]
        fn no_malformed_secret_echoes_any_part_of_itself(
            value in "[A-Za-z0-9]{12,24}",
            shape in 0usize..11,
        ) {
            let text = match shape {
                0 => format!(r#"{{"clientId": "id", "clientSecret": {value}}}"#),
                1 => format!(r#"{{"clientId": "id", "clientSecret": ["{value}"]}}"#),
                2 => format!(r#"{{"clientId": {value}, "clientSecret": "x"}}"#),
                3 => format!(r#""{value}""#),
                4 => format!(r#"{{"clientId": "id", "clientSecret": "{value}""#),
                5 => format!(r#"{{"clientSecret": "{value}"}}"#),
                6 => format!(r#"{{"clients": "{value}"}}"#),
                7 => format!(r#"{{"clients": ["{value}"]}}"#),
                8 => format!(r#"{{"clients": [{{"clientId": "id", "clientSecret": {value}}}]}}"#),
                9 => format!(
                    r#"{{"clients": [{{"clientId": "{value}", "clientSecret": "a"}}, {{"clientId": "{value}", "clientSecret": "b"}}]}}"#
                ),
                _ => format!(r#"{{"clients": [{{"clientSecret": "{value}"}}]}}"#),
            };

            let reason = parse_secret(&text).err().unwrap();

            prop_assert!(!reason.contains(&value), "{}", reason);
        }
    }
}
