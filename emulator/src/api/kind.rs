//! [`Kind`]: what the generic handlers in [`super::crud`] need to know about one kind of
//! configuration object (divisions, skills, languages, queues, wrap-up codes, presence
//! definitions and sources): its table in the org, its noun, how it renders, how a listing
//! filters and sorts it, and how a request body becomes one. Adding a kind is one `impl`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::common::sort_by_name;
use crate::contract::Contract;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::listing::{name_glob, name_starts_with};
use crate::state::Org;
use crate::state::entities::{Division, Language, Queue, Skill, WrapupCode};
use crate::state::presence::{PresenceDefinition, PresenceSource};
use crate::state::table::{Keyed, Table};

/// How the collection `GET` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Page-number paging (`pageSize` at most 500).
    Paged,
    /// Everything at once: `{total, entities, selfUri}`.
    Whole,
}

/// What rendering may look at: the contract, the org and the request's query (empty for writes).
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// The vendored contract.
    pub contract: &'static Contract,
    /// The org.
    pub org: &'a Org,
    /// The query of the request being answered.
    pub query: &'a QueryParams,
}

impl<'a> View<'a> {
    /// A view of `org` answering `query`.
    pub fn new(contract: &'static Contract, org: &'a Org, query: &'a QueryParams) -> Self {
        View {
            contract,
            org,
            query,
        }
    }
}

/// A listing's query with its repeated parameters read once.
#[derive(Debug)]
pub struct Filters<'q> {
    /// The whole query.
    pub query: &'q QueryParams,
    ids: Vec<String>,
    divisions: Vec<String>,
}

impl<'q> Filters<'q> {
    /// Reads `id` and `divisionId` from `query`.
    pub fn new(query: &'q QueryParams) -> Self {
        Filters {
            query,
            ids: query.list("id"),
            divisions: query.list("divisionId"),
        }
    }

    /// `id` is absent or lists `id`.
    pub fn id(&self, id: &str) -> bool {
        self.ids.is_empty() || self.ids.iter().any(|i| i == id)
    }

    /// `divisionId` is absent or lists `division`.
    pub fn division(&self, division: &str) -> bool {
        self.divisions.is_empty() || self.divisions.iter().any(|d| d == division)
    }

    /// `name` is absent or matches exactly, `*` matching any run.
    pub fn name_glob(&self, name: &str) -> bool {
        self.query.get("name").is_none_or(|n| name_glob(n, name))
    }

    /// `name` is absent or a prefix of `name`.
    pub fn name_prefix(&self, name: &str) -> bool {
        self.query
            .get("name")
            .is_none_or(|n| name_starts_with(n, name))
    }

    /// `deactivated` (default false) equals `deactivated`.
    pub fn deactivated(&self, deactivated: bool) -> bool {
        self.query.bool("deactivated", false) == deactivated
    }
}

/// An object kept in one of the org's tables.
pub trait Stored: Keyed + Sized {
    /// The kind's table.
    fn table(org: &Org) -> &Table<Self>;
    /// The kind's table, mutably.
    fn table_mut(org: &mut Org) -> &mut Table<Self>;
}

macro_rules! stored {
    ($($t:ty => $field:ident),* $(,)?) => {$(
        impl Stored for $t {
            fn table(org: &Org) -> &Table<Self> {
                &org.$field
            }
            fn table_mut(org: &mut Org) -> &mut Table<Self> {
                &mut org.$field
            }
        }
    )*};
}

stored!(
    Division => divisions,
    Skill => skills,
    Language => languages,
    Queue => queues,
    WrapupCode => wrapup_codes,
    PresenceDefinition => presence_definitions,
    PresenceSource => presence_sources,
);

/// One kind of object with a collection path and per-id paths.
pub trait Kind: Stored + Clone + Send + 'static {
    /// The noun in messages: `{NOUN} {id} not found`, `a {NOUN} named {name} already exists`.
    const NOUN: &'static str;
    /// The collection path (the listing's `selfUri`).
    const PATH: &'static str;
    /// How the collection answers.
    const LISTING: Listing;

    /// The name that must be unique and that listings sort by.
    fn name(&self) -> &str;
    /// The API's JSON for this object.
    fn render(&self, view: &View) -> Value;

    /// Whether the per-id paths find it (soft-deleted objects are gone).
    fn visible(&self) -> bool {
        true
    }
    /// Whether the collection `GET` lists it.
    fn listed(&self, filters: &Filters) -> bool;
    /// Orders a listing; by default by name (case-insensitive, then id), honouring `sortOrder`.
    fn sort(items: &mut [&Self], query: &QueryParams) {
        sort_by_name(items, query, |i| (i.name().to_owned(), i.key().to_owned()));
    }

    /// Refuses changes to read-only objects (checked before updates and deletes).
    ///
    /// # Errors
    /// The answer to send instead.
    fn check_write(&self) -> ApiResult<()> {
        Ok(())
    }
    /// Refuses deleting this object.
    ///
    /// # Errors
    /// The answer to send instead.
    fn check_delete(&self, _org: &Org) -> ApiResult<()> {
        self.check_write()
    }
    /// Deletes it, with whatever else goes with that.
    fn remove(org: &mut Org, id: &str) {
        Self::table_mut(org).remove(id);
    }
}

/// A kind the collection `POST` creates.
pub trait Create: Kind {
    /// The request body.
    type Body: DeserializeOwned + Send + 'static;
    /// A new object from a valid body.
    ///
    /// # Errors
    /// 400 or 409 when the body cannot be used.
    fn create(org: &Org, body: Self::Body) -> ApiResult<Self>;
}

/// A kind the per-id `PUT` replaces.
pub trait Replace: Create {
    /// `current` with the body's fields.
    ///
    /// # Errors
    /// 400 or 409 when the body cannot be used.
    fn replace(org: &Org, current: Self, body: Self::Body) -> ApiResult<Self>;
}

/// The visible object with this id, or 404.
///
/// # Errors
/// 404 `{NOUN} {id} not found`.
pub fn find<'a, K: Kind>(org: &'a Org, id: &str) -> ApiResult<&'a K> {
    K::table(org)
        .get(id)
        .filter(|item| item.visible())
        .ok_or_else(|| ApiError::not_found(format!("{} {id} not found", K::NOUN)))
}

/// `name` trimmed is not empty.
///
/// # Errors
/// 400 on `name` with `message`.
pub fn non_blank(name: Option<&str>, message: &str) -> ApiResult<String> {
    name.filter(|n| !n.trim().is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_field("name", message))
}

/// No other object that `counts` holds this name (case-insensitive).
///
/// # Errors
/// 409 `a {NOUN} named {name} already exists`.
pub fn unique_name<K: Kind>(
    org: &Org,
    name: &str,
    except: &str,
    counts: impl Fn(&K) -> bool,
) -> ApiResult<()> {
    let taken = K::table(org)
        .values()
        .any(|i| i.key() != except && counts(i) && i.name().eq_ignore_ascii_case(name));
    if taken {
        return Err(ApiError::conflict(format!(
            "a {} named {name} already exists",
            K::NOUN
        )));
    }
    Ok(())
}
