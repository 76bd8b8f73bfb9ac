//! A live Connect instance's configuration ([`ConnectInstance`]) as an `exsync.config/v1` snapshot,
//! so that planning, applying, the guard and the scope work on it unchanged. Pure: the clock
//! comes in as `generated_at`.
//!
//! | Connect | snapshot |
//! |---|---|
//! | hierarchy group at `connect.divisionLevel` | division (id = group id) |
//! | user's hierarchy group → its ancestor at that level | user's division (none: `defaultDivision`) |
//! | standard queue | queue (id = queue id) |
//! | routing profile's queues | the user's queue memberships |
//! | proficiency `Name`/`Value`/`Level` | skill `Name: Value` (or language `Value` for a `connect.languageAttributes` name), proficiency = `Level` |
//! | custom agent status | secondary status (presence from `connect.statusPresence`, default Busy) |
//!
//! A user Connect has no email for, or whose routing profile, hierarchy group or proficiency level
//! cannot be used, is held back with problems naming the user and the field; the rest syncs. The
//! snapshot rules then run as on any snapshot (a duplicate queue name holds both queues).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::instance::{ConnectInstance, ConnectUser, HierarchyGroup, UserProficiency};
use super::options::ConnectOptions;
use crate::external::ObjectKind;
use crate::external::held::{Held, HeldObject, HeldWhy};
use crate::external::snapshot::{
    ConfigSnapshot, Division, Language, LanguageAssignment, Proficiency, Queue, SecondaryStatus,
    Skill, SkillAssignment, User,
};
use crate::external::{Format, InputError, Problem, settle};
use crate::ids::{ExternalId, ExternalUserId};

/// The characters escaped in a proficiency's part of a skill or language id, so that
/// `skill:<attribute>=<value>` is unambiguous whatever the names hold.
const ID_PART: &AsciiSet = &CONTROLS.add(b'%').add(b':').add(b'=');

/// The external id of the skill for `value` of predefined attribute `attribute`.
pub fn skill_id(attribute: &str, value: &str) -> ExternalId {
    proficiency_id("skill", attribute, value)
}

/// The external id of the language for `value` of predefined attribute `attribute`.
pub fn language_id(attribute: &str, value: &str) -> ExternalId {
    proficiency_id("language", attribute, value)
}

fn proficiency_id(kind: &str, attribute: &str, value: &str) -> ExternalId {
    let attribute = utf8_percent_encode(attribute, ID_PART);
    let value = utf8_percent_encode(value, ID_PART);
    ExternalId::new(format!("{kind}:{attribute}={value}"))
}

/// The configuration snapshot of `instance` under the mapping's `connect` section.
///
/// # Errors
/// An [`InputError`] only when a problem belongs to no single object; every other problem holds
/// its object back (see [`ConfigSnapshot::held`]).
pub fn snapshot_from_instance(
    instance: &ConnectInstance,
    options: &ConnectOptions,
    generated_at: DateTime<Utc>,
) -> Result<ConfigSnapshot, InputError> {
    let groups: HashMap<&str, &HierarchyGroup> = instance
        .hierarchy_groups
        .iter()
        .map(|g| (g.id.as_str(), g))
        .collect();
    let level = usize::from(options.division_level.value());
    let divisions = instance
        .hierarchy_groups
        .iter()
        .filter(|g| g.path.len() == level)
        .map(|g| Division {
            id: ExternalId::new(&g.id),
            name: g.name.clone(),
            description: None,
        })
        .collect();
    let queues: Vec<Queue> = instance
        .queues
        .iter()
        .map(|q| Queue {
            id: ExternalId::new(&q.id),
            name: q.name.clone(),
            division: None,
            description: None,
            wrapup_codes: Vec::new(),
        })
        .collect();
    let standard: HashSet<&str> = instance.queues.iter().map(|q| q.id.as_str()).collect();
    let profiles: HashMap<&str, Vec<ExternalId>> = instance
        .routing_profiles
        .iter()
        .map(|p| (p.id.as_str(), profile_queues(&p.queue_ids, &standard)))
        .collect();
    let secondary_statuses = instance
        .agent_statuses
        .iter()
        .map(|s| SecondaryStatus {
            id: ExternalId::new(&s.id),
            system_presence: options.presence_of(&s.name),
            labels: BTreeMap::from([(options.status_label_locale.clone(), s.name.clone())]),
        })
        .collect();
    let lookups = Lookups {
        groups,
        profiles,
        level,
        options,
    };
    let mut held = Held::default();
    let mut users = Vec::with_capacity(instance.users.len());
    for user in &instance.users {
        match lookups.user(user) {
            Ok(user) => users.push(user),
            Err(problems) => held.hold(HeldObject {
                collection: ObjectKind::Users,
                id: Some(user.id.clone()),
                why: HeldWhy::Invalid,
                problems,
            }),
        }
    }
    let (skills, languages) = catalog(&instance.users, options);
    let snapshot = ConfigSnapshot {
        schema: Format::Config.tag(),
        generated_at,
        divisions,
        skills,
        languages,
        wrapup_codes: Vec::new(),
        secondary_statuses,
        queues,
        users,
        held: Held::default(),
    };
    settle(snapshot, held)
}

/// The standard queues of a routing profile, each once, in the profile's order (a queue appears
/// once per channel).
fn profile_queues(queue_ids: &[String], standard: &HashSet<&str>) -> Vec<ExternalId> {
    let mut seen = HashSet::new();
    queue_ids
        .iter()
        .filter(|id| standard.contains(id.as_str()) && seen.insert(id.as_str()))
        .map(ExternalId::new)
        .collect()
}

/// What a user's conversion looks up.
struct Lookups<'a> {
    groups: HashMap<&'a str, &'a HierarchyGroup>,
    profiles: HashMap<&'a str, Vec<ExternalId>>,
    level: usize,
    options: &'a ConnectOptions,
}

impl Lookups<'_> {
    /// The snapshot user, or every problem that holds them back.
    fn user(&self, user: &ConnectUser) -> Result<User, Vec<Problem>> {
        let object = format!("{}[{}]", ObjectKind::Users, user.id);
        let who = format!("Connect user `{}`", user.username);
        let mut problems = Vec::new();
        let email = match user.email.as_deref().map(str::trim) {
            Some(email) if !email.is_empty() => email.to_owned(),
            _ => {
                problems.push(Problem::new(
                    &object,
                    "email",
                    format!(
                        "{who} has no email address (IdentityInfo.Email); Genesys needs one as the login"
                    ),
                ));
                String::new()
            }
        };
        let queues = match user.routing_profile_id.as_deref() {
            None => Vec::new(),
            Some(id) => self.profiles.get(id).cloned().unwrap_or_else(|| {
                problems.push(Problem::new(
                    &object,
                    "routingProfileId",
                    format!("{who}'s routing profile `{id}` is not in the instance"),
                ));
                Vec::new()
            }),
        };
        let division = match user.hierarchy_group_id.as_deref() {
            None => None,
            Some(id) => match self.groups.get(id) {
                // a group above the division level leaves the user in the default division
                Some(group) => group
                    .path
                    .get(self.level.saturating_sub(1))
                    .map(|g| ExternalId::new(&g.id)),
                None => {
                    problems.push(Problem::new(
                        &object,
                        "hierarchyGroupId",
                        format!("{who}'s hierarchy group `{id}` is not in the instance"),
                    ));
                    None
                }
            },
        };
        let (skills, languages) = self.assignments(&object, user, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(User {
            id: ExternalUserId::new(&user.id),
            name: display_name(user),
            email,
            division,
            title: None,
            department: None,
            manager: None,
            employee_id: None,
            active: true,
            skills,
            languages,
            queues,
        })
    }

    /// The user's skills and languages, each once; a level out of range is a problem.
    fn assignments(
        &self,
        object: &str,
        user: &ConnectUser,
        problems: &mut Vec<Problem>,
    ) -> (Vec<SkillAssignment>, Vec<LanguageAssignment>) {
        let mut skills = Vec::new();
        let mut languages = Vec::new();
        let mut seen = HashSet::new();
        for p in &user.proficiencies {
            if !seen.insert((p.attribute.as_str(), p.value.as_str())) {
                continue;
            }
            let Some(proficiency) = level(p) else {
                problems.push(Problem::new(
                    object,
                    format!("proficiencies[{}={}].level", p.attribute, p.value),
                    format!("{} is out of range 1.0 to {:.1}", p.level, Proficiency::MAX),
                ));
                continue;
            };
            if self.options.is_language(&p.attribute) {
                languages.push(LanguageAssignment {
                    language: language_id(&p.attribute, &p.value),
                    proficiency,
                });
            } else {
                skills.push(SkillAssignment {
                    skill: skill_id(&p.attribute, &p.value),
                    proficiency,
                });
            }
        }
        (skills, languages)
    }
}

/// Connect's level (1.0 to 5.0) as a Genesys proficiency: the same number, fractions kept.
fn level(proficiency: &UserProficiency) -> Option<Proficiency> {
    let value = f64::from(proficiency.level);
    (1.0..=Proficiency::MAX)
        .contains(&value)
        .then(|| Proficiency::new(value))
        .flatten()
}

/// `First Last`, or the username when Connect has neither.
fn display_name(user: &ConnectUser) -> String {
    let parts = [user.first_name.as_deref(), user.last_name.as_deref()];
    let name = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        user.username.clone()
    } else {
        name
    }
}

/// The skills and languages the instance's users hold (held users included: the catalog is
/// Connect's configuration either way), each once, in the order first met.
fn catalog(users: &[ConnectUser], options: &ConnectOptions) -> (Vec<Skill>, Vec<Language>) {
    let mut skills = Vec::new();
    let mut languages = Vec::new();
    let mut seen = HashSet::new();
    for p in users.iter().flat_map(|u| &u.proficiencies) {
        if !seen.insert((p.attribute.as_str(), p.value.as_str())) {
            continue;
        }
        if options.is_language(&p.attribute) {
            languages.push(Language {
                id: language_id(&p.attribute, &p.value),
                name: p.value.clone(),
            });
        } else {
            skills.push(Skill {
                id: skill_id(&p.attribute, &p.value),
                name: format!("{}: {}", p.attribute, p.value),
                division: None,
            });
        }
    }
    (skills, languages)
}
