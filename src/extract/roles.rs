//! Roles: words that name whoever holds a part in the article's country
//! ("the paramilitaries", « les forces d'occupation », "the separatists"), read
//! through the countries a document is about ([`crate::actors::ActorSpec::stands_for`]).

use crate::claim::{Claim, Value};
use crate::corpus::Document;
use crate::rules::RuleSet;
use crate::text::fold::Folded;

/// Gives each role a document's claims name the actor it stands for there:
/// an accusation of a role that stands for no one is dropped (it names no
/// one), a speaker keeps its words with no actor, and a side is left unsaid.
pub(super) fn bind(claims: &mut Vec<Claim>, folded: &Folded, doc: &Document, rules: &RuleSet) {
    let g = &rules.gazetteer;
    let role = |id: &Option<String>| id.as_deref().is_some_and(|id| g.is_role(id));
    let role_value = |c: &Claim| matches!(&c.value, Value::Actor(id) if g.is_role(id));
    let role_speaker = |c: &Claim| c.attributed_to.as_ref().is_some_and(|a| role(&a.actor));
    if !claims
        .iter()
        .any(|c| role_value(c) || role_speaker(c) || role(&c.side))
    {
        return;
    }
    let home = super::places::home_countries(&folded.text, &doc.text, &doc.lang, rules);
    let home = &home[..home.len().min(2)];
    let bound = |id: &str| g.stand_in(id, home).map(str::to_string);
    claims.retain_mut(|c| {
        // A role and an actor named apart may be one ("the paramilitaries
        // accused the RSF"): no one accuses themselves. Who claims an attack
        // by the same words speaks for itself.
        let (role_speaker, role_value) = (role_speaker(c), role_value(c));
        if let Some(a) = c.attributed_to.as_mut()
            && let Some(id) = a.actor.take()
        {
            a.actor = bound(&id);
            if a.actor.is_none() {
                let folded = crate::text::fold::fold_str(&a.text);
                a.key = Some(super::phrase::speaker_key(&folded, rules.packs.speech()));
            }
        }
        c.side = c.side.take().and_then(|id| bound(&id));
        match &mut c.value {
            Value::Actor(id) => match bound(id) {
                Some(actor) => {
                    let speaker = c.attributed_to.as_ref().and_then(|a| a.actor.as_deref());
                    let itself = role_speaker != role_value && speaker == Some(actor.as_str());
                    *id = actor;
                    !itself
                }
                None => false,
            },
            Value::Number(_) => true,
        }
    });
}
