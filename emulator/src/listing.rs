//! Genesys listing conventions: page-number paging (`entities, pageSize, pageNumber, total,
//! pageCount, firstUri, selfUri, lastUri, nextUri, previousUri`; default page size 25) and the
//! name filters (prefix for skills and languages, exact with `*` wildcards for queues and
//! wrap-up codes).

use serde_json::{Value, json};

use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};

/// A requested page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Entities per page.
    pub size: usize,
    /// 1-based page number.
    pub number: usize,
}

impl Page {
    /// Reads `pageSize` (default 25, at most `max`) and `pageNumber` (default 1).
    ///
    /// # Errors
    /// 400 naming the parameter when out of range.
    pub fn from_query(query: &QueryParams, max: usize) -> ApiResult<Page> {
        let size = query.int("pageSize", 25);
        let number = query.int("pageNumber", 1);
        if size < 1 || size as usize > max {
            return Err(ApiError::bad_field(
                "pageSize",
                format!("pageSize must be between 1 and {max}"),
            ));
        }
        if number < 1 {
            return Err(ApiError::bad_field(
                "pageNumber",
                "pageNumber must be 1 or more",
            ));
        }
        Ok(Page {
            size: size as usize,
            number: number as usize,
        })
    }

    /// The slice of `items` on this page.
    pub fn slice<T: Clone>(&self, items: &[T]) -> Vec<T> {
        items
            .iter()
            .skip((self.number - 1).saturating_mul(self.size))
            .take(self.size)
            .cloned()
            .collect()
    }
}

fn uri(path: &str, query: &QueryParams, size: usize, number: usize) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in query.without(&["pageSize", "pageNumber"]) {
        serializer.append_pair(&k, &v);
    }
    serializer.append_pair("pageSize", &size.to_string());
    serializer.append_pair("pageNumber", &number.to_string());
    format!("{path}?{}", serializer.finish())
}

/// The paging fields for a listing of `total` items.
pub fn paging_fields(
    path: &str,
    query: &QueryParams,
    page: Page,
    total: usize,
) -> serde_json::Map<String, Value> {
    let page_count = total.div_ceil(page.size);
    let mut fields = serde_json::Map::new();
    fields.insert("pageSize".into(), json!(page.size));
    fields.insert("pageNumber".into(), json!(page.number));
    fields.insert("total".into(), json!(total));
    fields.insert("pageCount".into(), json!(page_count));
    fields.insert("firstUri".into(), json!(uri(path, query, page.size, 1)));
    fields.insert(
        "selfUri".into(),
        json!(uri(path, query, page.size, page.number)),
    );
    fields.insert(
        "lastUri".into(),
        json!(uri(path, query, page.size, page_count.max(1))),
    );
    if page.number < page_count {
        fields.insert(
            "nextUri".into(),
            json!(uri(path, query, page.size, page.number + 1)),
        );
    }
    if page.number > 1 {
        fields.insert(
            "previousUri".into(),
            json!(uri(path, query, page.size, page.number - 1)),
        );
    }
    fields
}

/// A full page-number listing of already rendered entities.
pub fn paged(path: &str, query: &QueryParams, page: Page, all: &[Value]) -> Value {
    let mut fields = paging_fields(path, query, page, all.len());
    fields.insert("entities".into(), Value::Array(page.slice(all)));
    Value::Object(fields)
}

/// Skills and languages: "results that start with this value" (case-insensitive).
pub fn name_starts_with(filter: &str, name: &str) -> bool {
    name.to_lowercase().starts_with(&filter.to_lowercase())
}

/// Queues and wrap-up codes: exact match (case-insensitive) where `*` matches any run.
pub fn name_glob(filter: &str, name: &str) -> bool {
    let pattern: Vec<char> = filter.to_lowercase().chars().collect();
    let text: Vec<char> = name.to_lowercase().chars().collect();
    glob(&pattern, &text)
}

fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.first() {
        None => text.is_empty(),
        Some('*') => (0..=text.len()).any(|i| glob(&pattern[1..], &text[i..])),
        Some(c) => text.first() == Some(c) && glob(&pattern[1..], &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_has_no_next_uri_and_counts_pages() {
        let items: Vec<Value> = (0..5).map(|i| json!(i)).collect();
        let query = QueryParams::parse(Some("pageSize=2&pageNumber=3&state=any"));
        let page = Page::from_query(&query, 500).unwrap();
        let listing = paged("/api/v2/users", &query, page, &items);
        assert_eq!(listing["entities"], json!([4]));
        assert_eq!(listing["pageCount"], 3);
        assert_eq!(listing["total"], 5);
        assert!(listing.get("nextUri").is_none());
        assert_eq!(
            listing["previousUri"],
            "/api/v2/users?state=any&pageSize=2&pageNumber=2"
        );
    }

    #[test]
    fn name_globs_are_exact_unless_starred() {
        assert!(name_glob("Sales", "sales"));
        assert!(!name_glob("Sales", "Sales EMEA"));
        assert!(name_glob("Sales*", "Sales EMEA"));
        assert!(name_glob("*EMEA", "Sales EMEA"));
    }
}
