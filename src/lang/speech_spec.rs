//! The speech words of a language pack (`speech:` in
//! `rules/lang/<code>/words.yaml`), as written: what attribution reads.

use serde::Deserialize;

/// Words of reported speech, read by attribution; every list may be left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechSpec {
    /// Pronouns that refer back to the previous speaker.
    pub pronouns: Vec<String>,
    /// Possessives that lead a speaker phrase back to the previous speaker ("its spokesman").
    pub possessives: Vec<String>,
    /// What makes a name a backer's, glued before or after it ("Iran-backed",
    /// « pro-iraniens »): not the article's place, nor the speaker's.
    pub backing: Vec<String>,
    /// Conjunctions a speaker phrase may start with (with their trailing space or apostrophe).
    pub leading: Vec<String>,
    /// Conjunctions that open a new clause inside a speaker phrase ("… has
    /// not given details but a local official told"): the speaker starts
    /// after the last one (with their trailing space or apostrophe).
    pub breaks: Vec<String>,
    /// Relative pronouns and prepositions that open a non-speaker; an entry of
    /// several words ("à la") matches the phrase's first words.
    pub not_speakers: Vec<String>,
    /// Words that name an institution without saying whose.
    pub institutions: Vec<String>,
    /// A speaker phrase ending with one of these is not a speaker ("X a condamné … et").
    pub trailing: Vec<String>,
    /// Nouns of events and weapons that never speak: a phrase they end
    /// ("Israeli strikes claimed 182 lives", "the quake claimed") is no speaker.
    pub mute: Vec<String>,
    /// Words that open a reported clause ("reported that"): a phrase with one runs past its speaker.
    pub complementizers: Vec<String>,
    /// Prepositions that make a country a place ("En Arménie, …"): an unnamed institution there is its.
    pub locatives: Vec<String>,
    /// Words that open a side's part of the news (« côté israélien », "on
    /// the Pakistani side"): its figures are that country's.
    pub side_words: Vec<String>,
    /// Words that end a speaker phrase but belong to its verb ("the
    /// ministry later said", « a de son côté indiqué »): dropped from it.
    pub verb_adverbs: Vec<String>,
    /// Words a speaker's key drops from its start ("the", « l' »): "the ministry" is "ministry".
    pub determiners: Vec<String>,
    /// What follows a place's name that says a speaker sits there ("the
    /// UK-based observatory"): that name is no speaker.
    pub based: Vec<String>,
    /// Nouns of what a speaker issues ("statement", « bilan »): a speaker
    /// phrase that names one names who issued it after `issued_by`
    /// ("a statement from the ministry"), or no one ("the latest toll").
    pub documents: Vec<String>,
    /// The words that introduce who issued a document ("by", "from", « de »,
    /// « d' »).
    pub issued_by: Vec<String>,
    /// Nouns of sources no one is accountable for ("witnesses", « des
    /// habitants », "security sources"): the claim is the outlet's own.
    pub anonymous: Vec<String>,
    /// Relative pronouns an apposition may open with (", who heads the agency,").
    pub relatives: Vec<String>,
    /// Words by which a sentence goes on with the report before it ("also",
    /// « aussi »): its unattributed figures are that report's speaker's.
    pub continuations: Vec<String>,
    /// Words before an actor that make it the doer of harm ("by", « par »).
    pub agent_markers: Vec<String>,
    /// Nouns of attacks beside an actor ("Israeli strikes", « frappes
    /// israéliennes »): that actor did harm.
    pub attacks: Vec<String>,
    /// Nouns that name an agency of a body ("the UN agency"): the agency of the body named before.
    pub agency_nouns: Vec<String>,
    /// Relative words of place as written ("where", « où »): their clause is in the place before.
    pub place_relatives: Vec<String>,
    /// Words between a locative and its place ("in neighbouring Malawi").
    pub place_modifiers: Vec<String>,
    /// Words that share a figure out ("six each in A and B"): each place has it, not all.
    pub distributives: Vec<String>,
    /// Words after which a speech cue no longer reaches ("said …, after a strike killed 10").
    pub narration: Vec<String>,
    /// Prepositions besides `locatives` that make a town or a region a
    /// place ("near Kherson", « à Kherson »): read only before a name as
    /// written, capitalised, that the actors files list as a place.
    pub place_prepositions: Vec<String>,
    /// Words beside a place's name that say it is one: its kind ("the
    /// Kherson region", « la région de Koursk ») or, with `institutions`,
    /// who runs it ("the Kerala government").
    pub localities: Vec<String>,
    /// Words between a locality word and its place ("the governor of
    /// Hatay", « le gouverneur de Belgorod », « d'Odessa »).
    pub genitives: Vec<String>,
    /// Prepositions that open whom a speaker speaks to (« à », "to"):
    /// with an outlet noun (`outlets`) or a news agency's name alone after
    /// it, the speaker phrase ends before them ("a déclaré le maire à
    /// l'agence de presse allemande dpa" is the mayor's).
    pub addressed_to: Vec<String>,
    /// Nouns of news outlets, their staff and interviews ("broadcaster",
    /// « chaîne », "reporters"), which a speaker speaks to.
    pub outlets: Vec<String>,
    /// Words that join two accused ("and", « et »): "blamed M23 and
    /// Rwanda's army for the deaths" accuses both.
    pub coordinators: Vec<String>,
    /// Titles of a country's head ("president", « premier ministre »): a
    /// person named by name alone after one, with no country beside it,
    /// speaks for the article's country.
    pub heads: Vec<String>,
    /// Prepositions a joined accused may repeat after its coordinator
    /// (« imputé l'attaque aux États-Unis et à Israël », "blame on Israel
    /// and on the US").
    pub repeated_prepositions: Vec<String>,
}

impl SpeechSpec {
    /// Each list of `self` beside the same list of `other`: the one place
    /// that names every list, for merging a pack's files and the packs.
    pub(crate) fn with_each_list(
        &mut self,
        other: &SpeechSpec,
        mut f: impl FnMut(&mut Vec<String>, &[String]),
    ) {
        for (to, from) in [
            (&mut self.pronouns, &other.pronouns),
            (&mut self.possessives, &other.possessives),
            (&mut self.backing, &other.backing),
            (&mut self.leading, &other.leading),
            (&mut self.breaks, &other.breaks),
            (&mut self.not_speakers, &other.not_speakers),
            (&mut self.institutions, &other.institutions),
            (&mut self.trailing, &other.trailing),
            (&mut self.mute, &other.mute),
            (&mut self.complementizers, &other.complementizers),
            (&mut self.locatives, &other.locatives),
            (&mut self.side_words, &other.side_words),
            (&mut self.verb_adverbs, &other.verb_adverbs),
            (&mut self.determiners, &other.determiners),
            (&mut self.based, &other.based),
            (&mut self.documents, &other.documents),
            (&mut self.issued_by, &other.issued_by),
            (&mut self.anonymous, &other.anonymous),
            (&mut self.relatives, &other.relatives),
            (&mut self.continuations, &other.continuations),
            (&mut self.agent_markers, &other.agent_markers),
            (&mut self.attacks, &other.attacks),
            (&mut self.agency_nouns, &other.agency_nouns),
            (&mut self.place_relatives, &other.place_relatives),
            (&mut self.place_modifiers, &other.place_modifiers),
            (&mut self.distributives, &other.distributives),
            (&mut self.narration, &other.narration),
            (&mut self.place_prepositions, &other.place_prepositions),
            (&mut self.localities, &other.localities),
            (&mut self.genitives, &other.genitives),
            (&mut self.addressed_to, &other.addressed_to),
            (&mut self.outlets, &other.outlets),
            (&mut self.coordinators, &other.coordinators),
            (&mut self.heads, &other.heads),
            (
                &mut self.repeated_prepositions,
                &other.repeated_prepositions,
            ),
        ] {
            f(to, from);
        }
    }

    /// Whether a folded word is one of the determiners ("the", « la »).
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.iter().any(|d| d.trim_end() == word)
    }
}
