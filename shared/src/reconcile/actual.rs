//! The actual state: what the Genesys org holds, as the planner sees it.
//!
//! Plain data (serialisable, so golden tests record it as JSON). [`read_actual`] fills it with
//! full pagination; everything else about config sync works on this value.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::deadline::Deadline;
use crate::external::ObjectKind;
use crate::genesys::model::{User, UserState};
use crate::genesys::{GenesysClient, GenesysError, UserStateFilter};
use crate::store::IdMap;

/// A division in Genesys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualDivision {
    /// id
    pub id: String,
    /// name
    pub name: String,
    /// description
    #[serde(default)]
    pub description: String,
}

/// A skill, language or wrap-up code in Genesys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualNamed {
    /// id
    pub id: String,
    /// name
    pub name: String,
    /// division id, where the type has one
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
    /// description, where the type has one
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A presence definition in Genesys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualPresenceDefinition {
    /// id
    pub id: String,
    /// labels per locale
    pub labels: BTreeMap<String, String>,
    /// the system presence it rolls up to
    #[serde(default)]
    pub system_presence: Option<String>,
    /// a system definition (not a secondary status)
    #[serde(default)]
    pub system: bool,
    /// deactivated
    #[serde(default)]
    pub deactivated: bool,
}

/// A queue in Genesys, with members and wrap-up codes when it is one exsync may manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualQueue {
    /// id
    pub id: String,
    /// name
    pub name: String,
    /// division id
    #[serde(default)]
    pub division_id: Option<String>,
    /// description
    #[serde(default)]
    pub description: Option<String>,
    /// member user ids (read for managed queues only)
    #[serde(default)]
    pub members: Vec<String>,
    /// wrap-up code ids (read for managed queues only)
    #[serde(default)]
    pub wrapup_codes: Vec<String>,
}

/// A user in Genesys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualUser {
    /// id
    pub id: String,
    /// name
    pub name: String,
    /// email
    pub email: String,
    /// division id
    #[serde(default)]
    pub division_id: Option<String>,
    /// title
    #[serde(default)]
    pub title: Option<String>,
    /// department
    #[serde(default)]
    pub department: Option<String>,
    /// manager user id
    #[serde(default)]
    pub manager_id: Option<String>,
    /// employee id
    #[serde(default)]
    pub employee_id: Option<String>,
    /// lifecycle state
    pub state: UserState,
    /// version for PATCH
    pub version: i64,
    /// skill id → proficiency
    #[serde(default)]
    pub skills: BTreeMap<String, f64>,
    /// language id → proficiency
    #[serde(default)]
    pub languages: BTreeMap<String, f64>,
}

/// The org as the planner sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActualOrg {
    /// the home division's id
    pub home_division_id: String,
    /// divisions
    pub divisions: Vec<ActualDivision>,
    /// skills
    pub skills: Vec<ActualNamed>,
    /// languages
    pub languages: Vec<ActualNamed>,
    /// wrap-up codes
    pub wrapup_codes: Vec<ActualNamed>,
    /// presence definitions, system and secondary
    pub presence_definitions: Vec<ActualPresenceDefinition>,
    /// queues
    pub queues: Vec<ActualQueue>,
    /// users in every state (active, inactive, deleted)
    pub users: Vec<ActualUser>,
    /// external user id → Genesys user id found by `GET /users/externalid/{authority}/{key}` for
    /// snapshot users the id map did not know
    #[serde(default)]
    pub external_id_hits: BTreeMap<String, String>,
    /// snapshot users the id map lacks whose external-id lookup did not fit in this run
    #[serde(default)]
    pub external_id_unchecked: BTreeSet<String>,
    /// presence sources: (id, name)
    #[serde(default)]
    pub presence_sources: Vec<(String, String)>,
    /// the org's default primary presence source
    #[serde(default)]
    pub default_primary_source: Option<String>,
}

/// The external ids of the users worth a lookup: not mapped to a Genesys user that exists, and
/// either sharing their email with a Genesys user (compared without case) or journaled as being
/// created.
fn lookup_candidates<'q>(
    users: &'q [QueriedUser],
    actual: &[ActualUser],
    idmap: &IdMap,
) -> Vec<&'q str> {
    let known: HashSet<&str> = actual.iter().map(|u| u.id.as_str()).collect();
    let emails: HashSet<String> = actual.iter().map(|u| u.email.to_lowercase()).collect();
    users
        .iter()
        .filter(|u| {
            !idmap
                .get(ObjectKind::Users, &u.external_id)
                .is_some_and(|g| known.contains(g))
        })
        .filter(|u| {
            idmap.creating.contains(u.external_id.as_str())
                || emails.contains(&u.email.to_lowercase())
        })
        .map(|u| u.external_id.as_str())
        .collect()
}

impl ActualUser {
    fn from_wire(u: User) -> Self {
        Self {
            name: u.name.unwrap_or_default(),
            email: u.email.unwrap_or_default(),
            division_id: u.division.map(|d| d.id),
            title: u.title,
            department: u.department,
            manager_id: u.manager.map(|m| m.id),
            employee_id: u.employer_info.and_then(|e| e.employee_id),
            state: u.state.unwrap_or(UserState::Active),
            version: u.version,
            skills: u
                .skills
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.id, s.proficiency.unwrap_or(0.0)))
                .collect(),
            languages: u
                .languages
                .unwrap_or_default()
                .into_iter()
                .map(|l| (l.id, l.proficiency.unwrap_or(0.0)))
                .collect(),
            id: u.id,
        }
    }
}

/// What a read of the org needs besides the listings: whose queue members and wrap-up codes to
/// read, and which users to look up by external id. The planner builds it from the snapshot
/// ([`crate::reconcile::org_query`]), so the naming rules stay in one place.
#[derive(Debug, Clone, Default)]
pub struct OrgQuery {
    /// Genesys names of queues whose members and wrap-up codes are read (besides the managed ones)
    pub queue_names: BTreeSet<String>,
    /// Genesys ids of queues whose members and wrap-up codes are read (besides the managed ones)
    pub queue_ids: BTreeSet<String>,
    /// the snapshot's users: those the id map does not know are looked up by external id when
    /// a Genesys user has their email or the id map's journal says their creation was begun
    pub users: Vec<QueriedUser>,
    /// the authority of exsync's external user ids
    pub authority: String,
}

/// A snapshot user as the read needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueriedUser {
    /// the external id (exsync's external id in Genesys)
    pub external_id: String,
    /// the email the snapshot gives
    pub email: String,
}

/// Reads the org: every listing with full pagination, members and wrap-up codes of the queues
/// exsync manages or the query names, and external-id lookups for the query's users the id map
/// lacks and that may already be in Genesys.
///
/// A lookup is one call per user, so only the users that may exist are looked up: those whose
/// email a Genesys user has (in any state; Genesys emails are unique, so a user exsync created and
/// lost track of still has it), and those the id map's journal says a run began to create
/// ([`IdMap::creating`]: a run that died before saving the map). Everyone else is certainly new:
/// an initial sync into an org without them makes no lookup at all. What this does not catch: a
/// user exsync created whose email was then changed in Genesys, after the id map itself was lost.
///
/// Lookups stop at `lookup_until`: users not looked up are listed in
/// [`ActualOrg::external_id_unchecked`] and the planner leaves them for the next run.
///
/// # Errors
/// The first failed call (a partial actual state would plan wrong creates).
pub async fn read_actual(
    client: &GenesysClient,
    query: &OrgQuery,
    idmap: &IdMap,
    lookup_until: Deadline,
    deadline: Deadline,
) -> Result<ActualOrg, GenesysError> {
    let home = client.home_division(deadline).await?;
    let divisions = client.list_divisions(deadline).await?;
    let skills = client.list_skills(deadline).await?;
    let languages = client.list_languages(deadline).await?;
    let wrapup_codes = client.list_wrapup_codes(deadline).await?;
    let definitions = client.list_presence_definitions(deadline).await?;
    let queues = client.list_queues(deadline).await?;
    let users = client.list_users(UserStateFilter::Any, deadline).await?;
    let sources = client.list_presence_sources(deadline).await?;
    let settings = client.presence_settings(deadline).await?;

    let managed_queues = idmap.reverse(ObjectKind::Queues);
    let mut actual_queues = Vec::with_capacity(queues.len());
    for q in queues {
        let name = q.name.clone().unwrap_or_default();
        let relevant = managed_queues.contains_key(q.id.as_str())
            || query.queue_ids.contains(&q.id)
            || query.queue_names.contains(&name);
        let (members, codes) = if relevant {
            let members = client.list_queue_members(&q.id, deadline).await?;
            let codes = client.list_queue_wrapup_codes(&q.id, deadline).await?;
            (
                members.into_iter().map(|m| m.id).collect(),
                codes.into_iter().map(|c| c.id).collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        actual_queues.push(ActualQueue {
            id: q.id,
            name,
            division_id: q.division.map(|d| d.id),
            description: q.description,
            members,
            wrapup_codes: codes,
        });
    }

    let actual_users: Vec<ActualUser> = users.into_iter().map(ActualUser::from_wire).collect();
    let candidates = lookup_candidates(&query.users, &actual_users, idmap);
    let mut external_id_hits = BTreeMap::new();
    let mut external_id_unchecked = BTreeSet::new();
    for user in candidates {
        if lookup_until.is_past() {
            external_id_unchecked.insert(user.to_owned());
            continue;
        }
        if let Some(found) = client
            .find_user_by_external_id(&query.authority, user, deadline)
            .await?
        {
            external_id_hits.insert(user.to_owned(), found.id);
        }
    }

    Ok(ActualOrg {
        home_division_id: home.id.unwrap_or_default(),
        divisions: divisions
            .into_iter()
            .map(|d| ActualDivision {
                id: d.id.unwrap_or_default(),
                name: d.name.unwrap_or_default(),
                description: d.description,
            })
            .collect(),
        skills: skills
            .into_iter()
            .map(|s| ActualNamed {
                id: s.id,
                name: s.name,
                division_id: s.division.map(|d| d.id),
                description: None,
            })
            .collect(),
        languages: languages
            .into_iter()
            .map(|l| ActualNamed {
                id: l.id.unwrap_or_default(),
                name: l.name,
                division_id: None,
                description: None,
            })
            .collect(),
        wrapup_codes: wrapup_codes
            .into_iter()
            .map(|w| ActualNamed {
                id: w.id,
                name: w.name,
                division_id: w.division.map(|d| d.id),
                description: w.description,
            })
            .collect(),
        presence_definitions: definitions
            .into_iter()
            .map(|d| ActualPresenceDefinition {
                id: d.id.unwrap_or_default(),
                labels: d.language_labels,
                system_presence: d.system_presence,
                system: d.r#type.as_deref() == Some("System"),
                deactivated: d.deactivated.unwrap_or(false),
            })
            .collect(),
        queues: actual_queues,
        users: actual_users,
        external_id_hits,
        external_id_unchecked,
        presence_sources: sources
            .into_iter()
            .map(|s| (s.id.unwrap_or_default(), s.name))
            .collect(),
        default_primary_source: settings.default_primary_presence_registered_source_id,
    })
}
