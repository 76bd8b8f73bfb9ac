//! The contract's type expressions (`string`, `array<T>`, `map<string,T>`, a model name, ...)
//! parsed once into a tree, so validation never re-parses strings.

/// One type expression of `contract.json`, as described by its `meta.types`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// `string`
    String,
    /// `string(date-time)`: ISO-8601 / RFC 3339 with a zone.
    DateTime,
    /// `string(date)`: `YYYY-MM-DD`.
    Date,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `object`: free-form JSON.
    Object,
    /// `array<T>`
    Array(Box<TypeRef>),
    /// `map<string,T>`
    Map(Box<TypeRef>),
    /// A model name; it may be absent from `models` when the extractor stopped expanding there.
    Model(String),
}

impl TypeRef {
    /// Parses a contract type expression. Unknown words are taken as model names.
    pub fn parse(text: &str) -> TypeRef {
        let text = text.trim();
        if let Some(inner) = text
            .strip_prefix("array<")
            .and_then(|t| t.strip_suffix('>'))
        {
            return TypeRef::Array(Box::new(TypeRef::parse(inner)));
        }
        if let Some(inner) = text
            .strip_prefix("map<string,")
            .and_then(|t| t.strip_suffix('>'))
        {
            return TypeRef::Map(Box::new(TypeRef::parse(inner)));
        }
        match text {
            "string" => TypeRef::String,
            "string(date-time)" => TypeRef::DateTime,
            "string(date)" => TypeRef::Date,
            "integer" => TypeRef::Integer,
            "number" => TypeRef::Number,
            "boolean" => TypeRef::Boolean,
            "object" => TypeRef::Object,
            other => TypeRef::Model(other.to_owned()),
        }
    }

    /// The element type when this is an array.
    pub fn item(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Array(inner) => Some(inner),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_generic_types_parse_into_a_tree() {
        let parsed = TypeRef::parse("map<string,array<Contact>>");
        assert_eq!(
            parsed,
            TypeRef::Map(Box::new(TypeRef::Array(Box::new(TypeRef::Model(
                "Contact".into()
            )))))
        );
    }

    #[test]
    fn date_time_is_distinct_from_plain_string() {
        assert_eq!(TypeRef::parse("string(date-time)"), TypeRef::DateTime);
        assert_eq!(TypeRef::parse("string"), TypeRef::String);
    }
}
