//! Generated organisations: configuration snapshots nobody wrote by hand, for property tests and
//! benchmarks.
//!
//! An [`OrgSpec`] is plain numbers (so a property-test framework can generate and shrink it);
//! [`OrgSpec::snapshot_json`] turns it into an `exsync.config/v1` document with the traits real
//! exports have and the example org lacks: every collection in a shuffled order (managers often
//! after their reports), managers in other divisions, deep manager chains, fractional
//! proficiencies, non-ASCII names, users without a division, inactive users, and more users than
//! one page of a Genesys listing. [`OrgSpec::seeded`] makes a large one from a seed alone.

use serde_json::{Value, json};

/// One generated user, as raw numbers reduced into range when the snapshot is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSpec {
    /// division index (reduced modulo the division count); `None`: no division (the default)
    pub division: Option<u16>,
    /// manager: reduced to the index of an earlier user, so the chain never loops
    pub manager: Option<u32>,
    /// true: the manager is the user just before (runs of these make deep chains)
    pub chain: bool,
    /// (skill index, proficiency in tenths 0..=50)
    pub skills: Vec<(u16, u8)>,
    /// (language index, proficiency in tenths 0..=50)
    pub languages: Vec<(u16, u8)>,
    /// queue indexes
    pub queues: Vec<u16>,
    /// false: a suspended user
    pub active: bool,
    /// picks the name pattern
    pub name: u16,
}

/// A whole generated organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSpec {
    /// divisions (at least 1)
    pub divisions: u16,
    /// skills (at least 1)
    pub skills: u16,
    /// languages (at least 1)
    pub languages: u16,
    /// queues (at least 1)
    pub queues: u16,
    /// wrap-up codes
    pub wrapup_codes: u16,
    /// secondary statuses
    pub statuses: u16,
    /// the users
    pub users: Vec<UserSpec>,
}

/// Names as contact centres have them: accents, other scripts, apostrophes, hyphens.
const GIVEN: [&str; 12] = [
    "Zoë",
    "Łukasz",
    "Ángel",
    "Søren",
    "Мария",
    "李",
    "Nguyễn",
    "O'Brien",
    "Jean-Luc",
    "Ayşe",
    "Björn",
    "Ñusta",
];
const FAMILY: [&str; 10] = [
    "Ångström",
    "Müller-Lüdenscheidt",
    "Dvořák",
    "Petrović",
    "Иванова",
    "王",
    "Ó Súilleabháin",
    "Çelik",
    "Hämäläinen",
    "García Márquez",
];
const PRESENCES: [&str; 6] = ["Away", "Break", "Meal", "Meeting", "Training", "Busy"];

/// SplitMix64: a tiny deterministic generator, enough to shuffle and seed orgs reproducibly.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.below(i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

impl OrgSpec {
    /// A large org from a seed: `users` users, a catalog sized like a real contact centre's,
    /// every tenth user in a deep manager chain.
    pub fn seeded(seed: u64, users: usize) -> Self {
        let mut rng = SplitMix::new(seed);
        let scale = u16::try_from(users / 20).unwrap_or(u16::MAX).max(1);
        let spec_users = (0..users)
            .map(|i| {
                // every tenth user reports to the tenth before: a chain as deep as users / 10
                let chain = i.is_multiple_of(10) && i >= 10;
                let n_skills = rng.below(4);
                let n_languages = rng.below(3);
                let n_queues = rng.below(4);
                UserSpec {
                    division: (rng.below(8) != 0).then(|| rng.below(u64::from(u16::MAX)) as u16),
                    manager: if chain {
                        Some(u32::try_from(i - 10).unwrap_or(0))
                    } else {
                        (rng.below(5) != 0).then(|| rng.next_u64() as u32)
                    },
                    chain: false,
                    skills: (0..n_skills)
                        .map(|_| (rng.next_u64() as u16, rng.below(51) as u8))
                        .collect(),
                    languages: (0..n_languages)
                        .map(|_| (rng.next_u64() as u16, rng.below(51) as u8))
                        .collect(),
                    queues: (0..n_queues).map(|_| rng.next_u64() as u16).collect(),
                    active: rng.below(25) != 0,
                    name: rng.next_u64() as u16,
                }
            })
            .collect();
        Self {
            divisions: 4,
            skills: scale.min(1_000),
            languages: 6,
            queues: scale.min(500),
            wrapup_codes: 12,
            statuses: 5,
            users: spec_users,
        }
    }

    /// The snapshot document, every collection shuffled by `order` (the same spec with another
    /// `order` is the same org listed differently).
    pub fn snapshot_json(&self, order: u64) -> Value {
        let n = |count: u16| usize::from(count.max(1));
        let divisions: Vec<Value> = (0..n(self.divisions))
            .map(|i| json!({"id": format!("div-{i}"), "name": format!("Bereich {i} – Größe"), "description": format!("generated division {i}")}))
            .collect();
        let skills: Vec<Value> = (0..n(self.skills))
            .map(|i| {
                let mut skill = json!({"id": format!("sk-{i}"), "name": format!("Compétence {i}")});
                if i % 3 == 1 {
                    skill["division"] = json!(format!("div-{}", i % n(self.divisions)));
                }
                skill
            })
            .collect();
        let languages: Vec<Value> = (0..n(self.languages))
            .map(|i| json!({"id": format!("lang-{i}"), "name": format!("Sprache {i} ☎")}))
            .collect();
        let codes: Vec<Value> = (0..usize::from(self.wrapup_codes))
            .map(|i| json!({"id": format!("wc-{i}"), "name": format!("Abschluss {i} ✓")}))
            .collect();
        let statuses: Vec<Value> = (0..usize::from(self.statuses))
            .map(|i| {
                json!({"id": format!("st-{i}"), "systemPresence": PRESENCES[i % PRESENCES.len()],
                       "labels": {"en_US": format!("Pause {i} ☕"), "de": format!("Pause {i} (de)")}})
            })
            .collect();
        let queues: Vec<Value> = (0..n(self.queues))
            .map(|i| {
                let mut queue = json!({"id": format!("q-{i}"), "name": format!("Warteschlange {i} – Kundenservice"),
                                      "division": format!("div-{}", i % n(self.divisions))});
                if self.wrapup_codes > 0 {
                    let codes = usize::from(self.wrapup_codes);
                    let mut picked = vec![i % codes, (i * 7 + 3) % codes];
                    picked.dedup();
                    queue["wrapupCodes"] = json!(picked.iter().map(|c| format!("wc-{c}")).collect::<Vec<_>>());
                }
                queue
            })
            .collect();
        let users: Vec<Value> = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| self.user_json(i, u))
            .collect();
        let mut rng = SplitMix::new(order);
        let mut shuffled = |mut items: Vec<Value>| {
            rng.shuffle(&mut items);
            items
        };
        json!({
            "schema": "exsync.config/v1",
            "generatedAt": "2026-12-01T06:00:00Z",
            "divisions": shuffled(divisions),
            "skills": shuffled(skills),
            "languages": shuffled(languages),
            "wrapupCodes": shuffled(codes),
            "secondaryStatuses": shuffled(statuses),
            "queues": shuffled(queues),
            "users": shuffled(users),
        })
    }

    fn user_json(&self, i: usize, u: &UserSpec) -> Value {
        let n = |count: u16| usize::from(count.max(1));
        let name = usize::from(u.name);
        let mut user = json!({
            "id": format!("ext-{i:05}"),
            "name": format!("{} {} {i}", GIVEN[name % GIVEN.len()], FAMILY[(name / GIVEN.len()) % FAMILY.len()]),
            "email": format!("user.{i:05}@example.com"),
            "title": if i.is_multiple_of(4) { "Teamleiter·in" } else { "Agent" },
            "employeeId": format!("E-{i:05}"),
            "active": u.active,
        });
        if let Some(d) = u.division {
            user["division"] = json!(format!("div-{}", usize::from(d) % n(self.divisions)));
        }
        let manager = if u.chain && i > 0 {
            Some(i - 1)
        } else {
            u.manager
                .filter(|_| i > 0)
                .map(|m| usize::try_from(m).unwrap_or(0) % i)
        };
        if let Some(manager) = manager {
            user["manager"] = json!(format!("ext-{manager:05}"));
        }
        let assignments = |list: &[(u16, u8)], count: u16, prefix: &str, key: &str| {
            let mut seen = std::collections::BTreeMap::new();
            for (index, tenths) in list {
                seen.entry(usize::from(*index) % n(count))
                    .or_insert(f64::from((*tenths).min(50)) / 10.0);
            }
            seen.into_iter()
                .map(|(index, p)| json!({key: format!("{prefix}-{index}"), "proficiency": p}))
                .collect::<Vec<_>>()
        };
        user["skills"] = json!(assignments(&u.skills, self.skills, "sk", "skill"));
        user["languages"] = json!(assignments(
            &u.languages,
            self.languages,
            "lang",
            "language"
        ));
        let mut queues: Vec<usize> = u
            .queues
            .iter()
            .map(|q| usize::from(*q) % n(self.queues))
            .collect();
        queues.sort_unstable();
        queues.dedup();
        user["queues"] = json!(queues.iter().map(|q| format!("q-{q}")).collect::<Vec<_>>());
        user
    }
}

/// A mapping with no defaults to lean on: the user authority, the presence source and the
/// fallback only; `extra` is merged in at the top level.
pub fn plain_mapping(extra: Value) -> exsync::mapping::MappingDocument {
    let mut mapping = json!({
        "schema": "exsync.mapping/v1",
        "userAuthority": "exsync",
        "presenceSourceName": "Generated Contact Centre",
        "massChangeGuard": {"allowMassChanges": true},
        "agentState": {"fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}}
    });
    if let (Some(target), Value::Object(extra)) = (mapping.as_object_mut(), extra) {
        target.extend(extra);
    }
    exsync::mapping::parse_mapping(&mapping.to_string())
        .unwrap_or_else(|e| panic!("generated mapping: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_org_is_a_valid_snapshot_in_every_order() {
        let spec = OrgSpec::seeded(7, 300);
        for order in [1, 2, 3] {
            let snapshot = exsync::external::parse_snapshot(&spec.snapshot_json(order).to_string())
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(snapshot.users.len(), 300);
        }
    }

    #[test]
    fn orders_differ_but_hold_the_same_objects() {
        let spec = OrgSpec::seeded(11, 50);
        let (a, b) = (spec.snapshot_json(1), spec.snapshot_json(2));
        assert_ne!(a["users"], b["users"]);
        let ids = |v: &Value| {
            let mut ids: Vec<String> = v["users"]
                .as_array()
                .map(|users| users.iter().map(|u| u["id"].to_string()).collect())
                .unwrap_or_default();
            ids.sort();
            ids
        };
        assert_eq!(ids(&a), ids(&b));
    }
}
