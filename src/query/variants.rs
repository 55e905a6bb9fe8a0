//! Name variants: other spellings of the same company, platform or person.
//!
//! The built-in table is `data/entities.txt` (see its header). Users can add their own
//! variants at run time. With variants switched on, a query term that is any name of an entity
//! also finds all its other names, and the result says which variant matched ("颤音 — variant
//! of 抖音"). The same table feeds the "entities mentioned" facet.

use rustc_hash::FxHashMap;

use crate::fold::fold_query;

const DATA: &str = include_str!("../../data/entities.txt");

/// One entity and all its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The name results are grouped under (抖音).
    pub canonical: String,
    /// `company`, `platform` or `person` (`user` for entities a user added).
    pub kind: String,
    /// Its other names, as written (颤音, Douyin).
    pub variants: Vec<String>,
}

impl Entity {
    /// The canonical name followed by the variants.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// The variant table: entities, and every folded name pointing at its entity.
#[derive(Debug, Clone)]
pub struct Variants {
    entities: Vec<Entity>,
    by_name: FxHashMap<String, usize>,
    /// Folded names a user added (the only ones a user can remove).
    added: Vec<String>,
}

/// Names shorter than this many characters are refused: they would match inside other words.
pub const MIN_NAME_CHARS: usize = 2;

impl Default for Variants {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Variants {
    /// The table from `data/entities.txt`.
    pub fn builtin() -> Self {
        let mut table = Variants {
            entities: Vec::new(),
            by_name: FxHashMap::default(),
            added: Vec::new(),
        };
        for line in DATA
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut cols = line.split('\t');
            let (Some(canonical), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let variants: Vec<String> = cols
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect();
            table.push(Entity {
                canonical: canonical.trim().to_owned(),
                kind: kind.trim().to_owned(),
                variants,
            });
        }
        table
    }

    fn push(&mut self, entity: Entity) {
        let at = self.entities.len();
        for name in entity.names() {
            self.by_name.entry(fold_query(name)).or_insert(at);
        }
        self.entities.push(entity);
    }

    /// The folded names a user added, in the order added (a snapshot keeps them with the
    /// entities, so that what the user added stays removable).
    pub fn added(&self) -> &[String] {
        &self.added
    }

    /// The table with these entities (built-in and added, in order) and these user-added
    /// folded names: what [`Variants::entities`] and [`Variants::added`] gave when a snapshot
    /// was saved. Every name points at the first entity that has it, as when the table was
    /// built and added to.
    pub fn from_parts(entities: Vec<Entity>, added: Vec<String>) -> Variants {
        let mut table = Variants {
            entities: Vec::new(),
            by_name: FxHashMap::default(),
            added,
        };
        for entity in entities {
            table.push(entity);
        }
        table
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity one of whose names folds to `folded`.
    pub fn find(&self, folded: &str) -> Option<&Entity> {
        self.by_name.get(folded).map(|&i| &self.entities[i])
    }

    /// Adds `variant` as another name of `canonical` (creating the entity if it is new).
    /// Refuses names that are too short or already name a different entity.
    pub fn add(&mut self, canonical: &str, variant: &str) -> Result<(), String> {
        let (canonical, variant) = (canonical.trim(), variant.trim());
        for name in [canonical, variant] {
            if name.chars().count() < MIN_NAME_CHARS {
                return Err(format!(
                    "“{name}” is too short to be a name: names need at least {MIN_NAME_CHARS} characters."
                ));
            }
        }
        let (fc, fv) = (fold_query(canonical), fold_query(variant));
        let owner = self.by_name.get(&fc).copied();
        if let Some(&other) = self.by_name.get(&fv) {
            if Some(other) == owner {
                return Ok(());
            }
            return Err(format!(
                "“{variant}” is already a name of {}; remove it there first.",
                self.entities[other].canonical
            ));
        }
        self.added.push(fv.clone());
        match owner {
            Some(i) => {
                self.entities[i].variants.push(variant.to_owned());
                self.by_name.insert(fv, i);
            }
            None => self.push(Entity {
                canonical: canonical.to_owned(),
                kind: "user".into(),
                variants: vec![variant.to_owned()],
            }),
        }
        Ok(())
    }
}

impl Variants {
    /// Removes a variant a user added. Built-in names and canonical names stay.
    pub fn remove(&mut self, variant: &str) -> Result<(), String> {
        let folded = fold_query(variant.trim());
        let Some(at) = self.added.iter().position(|a| *a == folded) else {
            return Err(format!(
                "“{}” is not a name you added, so it cannot be removed.",
                variant.trim()
            ));
        };
        self.added.remove(at);
        if let Some(i) = self.by_name.remove(&folded) {
            self.entities[i]
                .variants
                .retain(|v| fold_query(v) != folded);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_and_every_name_is_long_enough() {
        let v = Variants::builtin();
        assert!(v.entities().len() >= 40);
        for e in v.entities() {
            for name in e.names() {
                assert!(name.chars().count() >= MIN_NAME_CHARS, "{name}");
            }
        }
    }

    #[test]
    fn no_name_belongs_to_two_entities() {
        let v = Variants::builtin();
        let names: usize = v.entities().iter().map(|e| e.names().count()).sum();
        assert_eq!(v.by_name.len(), names, "a name is listed twice");
    }

    #[test]
    fn finds_an_entity_by_any_name_in_either_script_or_case() {
        let v = Variants::builtin();
        assert_eq!(v.find(&fold_query("顫音")).unwrap().canonical, "抖音");
        assert_eq!(v.find(&fold_query("DOUYIN")).unwrap().canonical, "抖音");
        assert_eq!(v.find(&fold_query("京東")).unwrap().canonical, "京东");
        assert!(v.find("电商").is_none());
    }

    #[test]
    fn users_can_add_variants_and_new_entities() {
        let mut v = Variants::builtin();
        v.add("抖音", "抖抖").unwrap();
        assert_eq!(v.find("抖抖").unwrap().canonical, "抖音");
        v.add("某公司", "某司").unwrap();
        assert_eq!(v.find("某司").unwrap().kind, "user");
        assert!(v.add("快手", "颤音").unwrap_err().contains("抖音"));
        assert!(v.add("快手", "k").is_err());
    }

    #[test]
    fn a_table_rebuilt_from_its_parts_finds_and_removes_the_same_names() {
        let mut v = Variants::builtin();
        v.add("抖音", "抖抖").unwrap();
        v.add("某公司", "某司").unwrap();
        v.remove("某司").unwrap();
        let mut back = Variants::from_parts(v.entities().to_vec(), v.added().to_vec());
        assert_eq!(back.entities(), v.entities());
        assert_eq!(back.by_name, v.by_name);
        back.remove("抖抖").unwrap();
        assert!(back.find("抖抖").is_none());
    }

    #[test]
    fn users_can_remove_only_what_they_added() {
        let mut v = Variants::builtin();
        v.add("抖音", "抖抖").unwrap();
        v.remove("抖抖").unwrap();
        assert!(v.find("抖抖").is_none());
        assert!(v.remove("颤音").is_err(), "built-in variants stay");
        assert_eq!(v.find("颤音").unwrap().canonical, "抖音");
    }
}
