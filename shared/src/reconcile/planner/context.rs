//! What every planning rule needs: the inputs, indexes over them, and the plan being built.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::super::actual::{ActualOrg, ActualUser};
use super::super::plan::{Action, Change, Phase, Plan, Ref, Skipped};
use crate::external::ObjectKind;
use crate::external::{ConfigSnapshot, Placement};
use crate::ids::ExternalId;
use crate::mapping::MappingDocument;
use crate::store::IdMap;

/// A reference to a Genesys object as the plan will see it once applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// an object that exists now
    Known(String),
    /// an object an earlier change in this plan creates (its external id)
    Pending(String),
}

impl Target {
    pub(crate) fn is(&self, actual: Option<&str>) -> bool {
        matches!(self, Self::Known(id) if Some(id.as_str()) == actual)
    }

    pub(crate) fn show(&self) -> String {
        match self {
            Self::Known(id) => id.clone(),
            Self::Pending(ext) => format!("(new {ext})"),
        }
    }

    /// The reference a change carries, naming the external id it stands for.
    pub(crate) fn to_ref(&self, external: Option<&str>) -> Ref {
        match self {
            Self::Known(id) => Ref::known(id, external),
            Self::Pending(ext) => Ref::pending(ext),
        }
    }
}

pub(crate) struct Context<'a> {
    pub snapshot: &'a ConfigSnapshot,
    pub mapping: &'a MappingDocument,
    pub actual: &'a ActualOrg,
    pub idmap: &'a IdMap,
    /// external id → Genesys id after this plan (mapped, adopted) per kind; absent = pending create
    /// (hashed: looked up once per reference, never iterated in order)
    pub resolved: BTreeMap<ObjectKind, HashMap<String, String>>,
    /// Genesys ids matched to some snapshot object, per kind
    pub claimed: BTreeMap<ObjectKind, HashSet<String>>,
    /// actual users by Genesys id
    pub users_by_id: HashMap<&'a str, &'a ActualUser>,
    /// actual users by lower-case email
    pub users_by_email: HashMap<String, &'a ActualUser>,
    /// managed Genesys ids → external id, per kind (the id map reversed)
    pub managed: BTreeMap<ObjectKind, HashMap<&'a str, &'a str>>,
    /// each snapshot user's division, for the scope of references to them (managers)
    pub user_divisions: HashMap<&'a str, Option<&'a ExternalId>>,
    /// objects held back by the planner itself (they depend on the mapping's default division,
    /// which the snapshot holds back), besides the snapshot's own held objects
    pub extra_held: HashSet<(ObjectKind, String)>,
    plan: Plan,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        snapshot: &'a ConfigSnapshot,
        mapping: &'a MappingDocument,
        actual: &'a ActualOrg,
        idmap: &'a IdMap,
    ) -> Self {
        Self {
            snapshot,
            mapping,
            actual,
            idmap,
            resolved: BTreeMap::new(),
            claimed: BTreeMap::new(),
            users_by_id: actual.users.iter().map(|u| (u.id.as_str(), u)).collect(),
            users_by_email: actual
                .users
                .iter()
                .rev()
                .map(|u| (u.email.to_lowercase(), u))
                .collect(),
            managed: ObjectKind::ALL
                .iter()
                .map(|k| {
                    (
                        *k,
                        idmap
                            .table(*k)
                            .iter()
                            .map(|(e, g)| (g.as_str(), e.as_str()))
                            .collect(),
                    )
                })
                .collect(),
            user_divisions: snapshot
                .users
                .iter()
                .map(|u| (u.id.as_str(), u.division.as_ref()))
                .collect(),
            extra_held: HashSet::new(),
            plan: Plan::default(),
        }
    }

    pub(crate) fn push(&mut self, change: Change) {
        self.plan.changes.push(change);
    }

    pub(crate) fn warn(&mut self, text: String) {
        self.plan.warnings.push(text);
    }

    /// Leaves `part` of an object out of the plan, saying why.
    pub(crate) fn skip(
        &mut self,
        kind: ObjectKind,
        external: Option<&str>,
        part: &str,
        reason: String,
    ) {
        self.plan.skipped.push(Skipped {
            kind,
            external_id: external.map(str::to_owned),
            part: part.to_owned(),
            reason,
        });
    }

    /// Whether the snapshot holds back the object `external` of `kind`.
    pub(crate) fn is_held(&self, kind: ObjectKind, external: &str) -> bool {
        self.snapshot.held.contains(kind, external)
            || (!self.extra_held.is_empty()
                && self.extra_held.contains(&(kind, external.to_owned())))
    }

    /// The first of `externals` the snapshot holds back, as `skills[sk-x]`.
    pub(crate) fn first_held<'e>(
        &self,
        kind: ObjectKind,
        externals: impl IntoIterator<Item = &'e str>,
    ) -> Option<String> {
        externals
            .into_iter()
            .find(|e| self.is_held(kind, e))
            .map(|e| format!("{kind}[{e}]"))
    }

    pub(crate) fn block(&mut self, v: super::super::plan::GuardViolation) {
        self.plan.blocked.push(v);
    }

    /// The plan, in phase order, each user change carrying the version it was planned against.
    pub(crate) fn finish(mut self) -> Plan {
        self.plan.changes.sort_by_key(|c| c.phase);
        for change in &mut self.plan.changes {
            if change.kind == Some(ObjectKind::Users)
                && let Some(user) = change
                    .genesys_id
                    .as_ref()
                    .and_then(|id| self.users_by_id.get(id.as_str()))
            {
                change.version = Some(user.version);
            }
        }
        self.plan
    }

    /// The Genesys name of a non-user object: the mapping's name prefix + the external name.
    pub(crate) fn genesys_name(&self, name: &str) -> String {
        format!(
            "{}{name}",
            self.mapping.name_prefix.as_deref().unwrap_or("")
        )
    }

    /// Whether a Genesys object name is inside the scope's name prefix.
    pub(crate) fn name_in_scope(&self, name: &str) -> bool {
        self.mapping
            .scope
            .name_prefix
            .as_deref()
            .is_none_or(|p| name.starts_with(p))
    }

    /// Whether an external division (None: the default) is inside the scope's divisions.
    pub(crate) fn division_in_scope(&self, division: Option<&ExternalId>) -> bool {
        let placement = division.map_or(Placement::Default, Placement::In);
        super::super::status::in_scope(self.mapping, placement)
    }

    pub(crate) fn record(&mut self, kind: ObjectKind, external: &str, genesys: &str) {
        self.resolved
            .entry(kind)
            .or_default()
            .insert(external.to_owned(), genesys.to_owned());
        self.claimed
            .entry(kind)
            .or_default()
            .insert(genesys.to_owned());
    }

    pub(crate) fn is_claimed(&self, kind: ObjectKind, genesys: &str) -> bool {
        self.claimed.get(&kind).is_some_and(|s| s.contains(genesys))
    }

    /// The Genesys id an external id resolves to in this plan (`None`: created by the plan).
    pub(crate) fn resolved_id(&self, kind: ObjectKind, external: &str) -> Option<&str> {
        self.resolved
            .get(&kind)
            .and_then(|m| m.get(external))
            .map(String::as_str)
    }

    /// What an external id will refer to once the plan is applied.
    pub(crate) fn target(&self, kind: ObjectKind, external: &str) -> Target {
        match self.resolved.get(&kind).and_then(|m| m.get(external)) {
            Some(id) => Target::Known(id.clone()),
            None => Target::Pending(external.to_owned()),
        }
    }

    /// The division a snapshot object lands in (its own, the mapping default, or home).
    pub(crate) fn division_target(&self, division: Option<&ExternalId>) -> Target {
        match division.or(self.mapping.default_division.as_ref()) {
            Some(ext) => self.target(ObjectKind::Divisions, ext.as_str()),
            None => Target::Known(self.actual.home_division_id.clone()),
        }
    }

    /// Whether the snapshot user `external` is inside the scope (a user the snapshot lacks is
    /// not: references to it were refused when the snapshot was read).
    pub(crate) fn user_in_scope(&self, external: &str) -> bool {
        self.user_divisions
            .get(external)
            .is_some_and(|division| self.division_in_scope(*division))
    }

    /// Whether the division a snapshot object lands in is `actual` already (no allocation: this
    /// runs once per user).
    pub(crate) fn division_is(&self, division: Option<&ExternalId>, actual: Option<&str>) -> bool {
        match division.or(self.mapping.default_division.as_ref()) {
            Some(ext) => {
                actual.is_some() && self.resolved_id(ObjectKind::Divisions, ext.as_str()) == actual
            }
            None => actual == Some(self.actual.home_division_id.as_str()),
        }
    }

    /// The external division id an object lands in (None: home).
    pub(crate) fn division_ref(&self, division: Option<&ExternalId>) -> Option<String> {
        division
            .or(self.mapping.default_division.as_ref())
            .map(|d| d.as_str().to_owned())
    }

    /// The division a change sends: its Genesys id when it exists (home included), else the
    /// external id of the division an earlier change creates.
    pub(crate) fn division_reference(&self, division: Option<&ExternalId>) -> Ref {
        let external = self.division_ref(division);
        self.division_target(division).to_ref(external.as_deref())
    }

    /// The reference a change carries to the snapshot object `external` of `kind`.
    pub(crate) fn reference(&self, kind: ObjectKind, external: &str) -> Ref {
        self.target(kind, external).to_ref(Some(external))
    }

    /// The Genesys id mapped for `external`, if it still exists in the org.
    pub(crate) fn mapped(
        &self,
        kind: ObjectKind,
        external: &str,
        exists: impl Fn(&str) -> bool,
    ) -> Option<String> {
        self.idmap
            .get(kind, external)
            .filter(|g| exists(g))
            .map(str::to_owned)
    }
}

/// A change of a snapshot object.
pub(crate) fn change(
    phase: Phase,
    kind: ObjectKind,
    external: &str,
    genesys: Option<&str>,
    action: Action,
    reason: String,
) -> Change {
    Change {
        phase,
        kind: Some(kind),
        external_id: Some(external.into()),
        genesys_id: genesys.map(Into::into),
        version: None,
        action,
        reason,
    }
}

impl Context<'_> {
    /// Genesys ids the plan already deletes (renamed skills and languages being retired).
    pub(crate) fn plan_deletes(&self) -> std::collections::BTreeSet<String> {
        self.plan
            .changes
            .iter()
            .filter(|c| matches!(c.action, Action::Delete))
            .filter_map(|c| c.genesys_id.as_ref().map(ToString::to_string))
            .collect()
    }

    /// Cleanup changes of one kind planned so far (explicit deactivations).
    pub(crate) fn count_cleanup(&self, kind: ObjectKind) -> usize {
        self.plan
            .changes
            .iter()
            .filter(|c| c.phase == Phase::Cleanup && c.kind == Some(kind))
            .count()
    }
}

impl<'a> Context<'a> {
    /// The external id a Genesys id is mapped from in the id map, if exsync manages it.
    pub(crate) fn managed_as(&self, kind: ObjectKind, genesys: &str) -> Option<&'a str> {
        self.managed
            .get(&kind)
            .and_then(|m| m.get(genesys))
            .copied()
    }
}
