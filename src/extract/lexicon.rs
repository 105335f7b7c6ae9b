//! The word lexicon: closed-class words, titles, organisation nouns and
//! reporting verbs, each with its class flags. Read by the token pass, which
//! stores a word's flags on its token; looked up by lowercased bytes without
//! allocating.

use super::chars::*;

/// Person titles and roles ("minister", "spokesperson", "coach").
pub(super) const TITLE: u32 = 1;
/// Words inside titles that are not names ("Defense", "Foreign", "Prime").
pub(super) const QUAL: u32 = 1 << 1;
/// Function words, never part of a name.
pub(super) const STOP: u32 = 1 << 2;
/// Organisation and place words: named things, not people.
pub(super) const ORG: u32 = 1 << 3;
/// Days, months, "week": never a speaker.
pub(super) const TIME: u32 = 1 << 4;
/// Finite reporting verbs ("said", "told", "warned").
pub(super) const CUE: u32 = 1 << 5;
/// Reporting participles ("saying", "adding"): the sentence subject speaks.
pub(super) const CUE_ING: u32 = 1 << 6;
pub(super) const PRON: u32 = 1 << 7;
/// Auxiliaries and adverbs between a subject and its verb ("had previously").
pub(super) const AUX: u32 = 1 << 8;
pub(super) const DET: u32 = 1 << 9;
/// Words before a quote that make it part of a noun phrase ("a", "as", "his").
pub(super) const NPCTX: u32 = 1 << 10;
/// Framing verbs ("labeled", "described"): they give a phrase, not a statement.
pub(super) const FRAME: u32 = 1 << 11;
pub(super) const PREP: u32 = 1 << 12;
pub(super) const FRAME_ING: u32 = 1 << 13;
/// Unnamed groups ("officials", "analysts"): a cue, but nobody to name.
pub(super) const GENERIC: u32 = 1 << 14;
/// Nouns an organisation is referred back to by ("the board", "the firm").
pub(super) const ORGNOUN: u32 = 1 << 15;
/// Given names and titles that say a person is a man ("Donald", "Mr",
/// "spokesman"), for resolving "he".
pub(super) const MALE: u32 = 1 << 16;
/// ... a woman ("Hillary", "Mrs", "spokeswoman"), for resolving "she".
pub(super) const FEMALE: u32 = 1 << 17;

#[inline]
pub(super) fn word_class(w: &str) -> u32 {
    let mut buf = [0u8; 24];
    let bytes = w.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() {
        return 0;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        if !(s.is_ascii_alphabetic() || *s == b'-') {
            return 0; // every listed word is ASCII letters and hyphens
        }
        *d = s.to_ascii_lowercase();
    }
    let lw = &buf[..bytes.len()];
    let f = class_lower(lw);
    if f == 0 && lw.contains(&b'-') {
        // "Secretary-General", "vice-president": a title if a part is one.
        return lw
            .split(|&c| c == b'-')
            .fold(0, |g, part| g | (class_lower(part) & (TITLE | QUAL)));
    }
    f
}

/// Closed-class and cue words, by class. Looked up through a hash table built
/// once, so classifying a word costs one hash of a short lowercased slice.
#[rustfmt::skip]
pub(super) const WORDS: &[(u32, &[&str])] = &[
    (DET | STOP | NPCTX, &[
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
        "this",
    ]),
    (DET | STOP, &[
        "that",
    ]),
    (PRON | STOP, &[
        "he", "she", "they", "we", "i",
    ]),
    (PRON | STOP | NPCTX, &[
        "it",
    ]),
    (STOP | NPCTX, &[
        "them", "no", "any", "some", "all", "what", "so-called",
    ]),
    (STOP | PREP | NPCTX, &[
        "as", "of", "with", "for", "by", "to", "in", "on", "at", "about", "from", "into", "like",
        "than",
    ]),
    (STOP | PREP, &[
        "during", "after", "before", "since", "under", "over", "against", "between", "through",
        "amid", "among", "via", "per", "without", "within", "despite", "following", "alongside",
        "near", "until",
    ]),
    (AUX | NPCTX, &[
        "be", "is", "was", "are", "were", "been", "being",
    ]),
    (NPCTX | FRAME, &[
        "called", "dubbed", "termed", "labeled", "labelled",
    ]),
    (FRAME, &[
        "framed", "described", "branded", "characterized", "characterised", "expressed", "voiced",
        "calls", "describes",
    ]),
    (FRAME_ING, &[
        "framing", "describing", "labeling", "labelling", "calling", "dubbing", "branding",
        "characterizing", "expressing", "voicing", "issuing",
    ]),
    (AUX | STOP, &[
        "had", "has", "have", "would", "will", "also", "then", "again", "once", "earlier", "later",
        "already", "still", "just", "did", "does", "do", "could", "might", "may", "must", "should",
        "can", "never", "often", "always", "now", "further", "not",
    ]),
    (STOP, &[
        "and", "but", "or", "nor", "so", "yet", "if", "when", "while", "because", "although",
        "though", "where", "which", "who", "whom", "whose", "why", "how", "there", "here", "yes",
        "many", "most", "more", "both", "each", "every", "other", "another", "such", "meanwhile",
        "however", "moreover", "instead", "even", "only", "one", "two", "three", "read", "click",
        "share", "follow", "sign", "photo", "watch", "related", "updated", "published", "author",
        "authored",
    ]),
    (TITLE, &[
        "president", "vice-president", "minister", "secretary", "secretary-general",
        "undersecretary", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "official",
        "ambassador", "envoy", "senator", "sen", "rep", "representative", "congressman",
        "congresswoman", "lawmaker", "governor", "gov", "mayor", "chancellor", "premier", "king",
        "queen", "prince", "princess", "pope", "sheikh", "emir", "ceo", "chairman", "chairwoman",
        "chair", "director", "director-general", "commander", "gen", "admiral", "adm", "colonel",
        "col", "lieutenant", "lt", "captain", "capt", "sergeant", "sgt", "marshal", "judge",
        "prosecutor", "attorney", "lawyer", "adviser", "advisor", "aide", "analyst", "expert",
        "professor", "prof", "dr", "mr", "mrs", "ms", "economist", "diplomat", "negotiator",
        "correspondent", "editor", "founder", "head", "officer", "commissioner", "coordinator",
        "researcher", "scientist", "strategist", "candidate", "nominee", "mp", "mep", "counselor",
        "chairperson", "commander-in-chief", "coach", "manager", "inspector", "detective",
        "sheriff", "treasurer", "auditor", "superintendent", "bishop", "archbishop", "cardinal",
        "rabbi", "imam", "reverend", "pastor", "consul", "engineer",
        // councils and courts
        "councillor", "councilor", "councilman", "councilwoman", "alderman", "alderwoman",
        "barrister", "solicitor", "magistrate", "coroner", "constable", "sir", "dame",
        // occupations and roles that stand before names ("singer Ana Ruiz")
        "singer", "songwriter", "rapper", "musician", "guitarist", "drummer", "actor", "actress",
        "comedian", "presenter", "novelist", "poet", "artist", "doctor", "surgeon",
        "nurse", "physician", "teacher", "headteacher", "headmaster", "headmistress", "lecturer",
        "striker", "midfielder", "defender", "goalkeeper", "winger", "footballer", "player",
        "skipper", "athlete", "sprinter", "cyclist", "swimmer", "jockey", "boxer", "businessman",
        "businesswoman", "entrepreneur", "executive", "boss", "campaigner", "activist",
        "organiser", "organizer", "volunteer", "resident", "tenant", "landlady", "pensioner",
        "teenager", "student", "veteran", "chef", "vicar", "priest", "pianist", "violinist",
        "composer", "conductor", "dancer", "painter", "sculptor", "photographer", "filmmaker",
        "journalist", "reporter", "columnist", "historian", "architect", "designer", "producer",
    ]),
    (TITLE | QUAL, &[
        "general", "deputy",
    ]),
    (QUAL, &[
        "defense", "defence", "foreign", "affairs", "interior", "finance", "state", "security",
        "national", "homeland", "justice", "health", "trade", "commerce", "energy", "economy",
        "education", "agriculture", "war", "staff", "joint", "chiefs", "armed", "intelligence",
        "prime", "vice", "acting", "former", "senior", "federal", "international", "public",
        "press", "information", "communications", "economic", "political",
    ]),
    (ORG, &[
        "house", "council", "ministry", "department", "agency", "service", "office", "committee",
        "commission", "union", "nations", "party", "government", "administration", "times", "news",
        "journal", "network", "media", "group", "institute", "university", "center", "centre",
        "bank", "fund", "court", "congress", "parliament", "senate", "assembly", "army", "navy",
        "force", "forces", "command", "corps", "police", "guard", "company", "corporation", "inc",
        "ltd", "foundation", "association", "organization", "organisation", "alliance",
        "federation", "republic", "kingdom", "states", "north",
        "south", "east", "west", "western", "eastern", "northern", "southern", "central", "united",
        "european", "military", "regime", "cabinet", "embassy", "ministers", "report",
        "spokespeople", "source",
    ]),
    (ORG, &[
        "post",
    ]),
    (ORGNOUN, &[
        "agency", "board", "company", "firm", "group", "chamber", "council", "ministry",
        "department", "club", "union", "court", "committee", "regulator", "supplier",
        "manufacturer", "retailer", "label", "magazine", "newspaper", "broadcaster", "network",
        "charity", "commission", "authority", "trust", "society", "association", "federation",
        "institute", "university", "bank", "fund", "foundation", "organisation", "organization",
        "party", "service", "office", "team", "school", "hospital", "corporation", "airline",
        "insurer", "lender", "maker", "operator", "provider", "developer", "chain", "brand",
        "watchdog", "body", "panel", "tribunal", "publisher", "business", "carrier", "utility",
        "church", "college", "museum", "theatre", "theater", "orchestra", "band", "studio",
        "campaign", "alliance", "coalition", "consortium", "government", "administration",
        "police", "force", "station", "paper", "website", "platform", "startup", "giant",
    ]),
    (MALE, &[
        "aaron", "adam", "ahmed", "al", "alan", "albert", "alexander", "ali", "andrew", "andy",
        "anthony", "antonio", "arthur", "austin", "barack", "ben", "benjamin", "bernard", "bernie",
        "bill", "billy", "bobby", "boris", "brandon", "brian", "bruce", "bryan", "carl", "carlos",
        "charles", "chris", "christopher", "chuck", "corey", "craig", "dale", "dan", "daniel",
        "david", "dennis", "dick", "dmitri", "donald", "doug", "douglas", "dylan", "edward",
        "elijah", "emmanuel", "eric", "ernest", "ethan", "eugene", "francois", "frank", "fred",
        "gabriel", "gary", "george", "gerald", "glenn", "greg", "gregory", "harold", "harry",
        "hassan", "henry", "howard", "jack", "jacob", "james", "jared", "jason", "jeb", "jeff",
        "jeffrey", "jeremy", "jerry", "jesse", "jim", "jimmy", "joe", "john", "jonathan", "jorge",
        "jose", "joseph", "joshua", "juan", "justin", "keith", "ken", "kenneth", "kevin", "kyle",
        "larry", "lawrence", "leonard", "logan", "louis", "luis", "marco", "mark", "martin",
        "matt", "matthew", "michael", "miguel", "mike", "mitch", "mitt", "mohammed", "mr",
        "muhammad", "nathan", "newt", "nicholas", "nick", "nigel", "noah", "omar", "pat",
        "patrick", "paul", "peter", "philip", "rahm", "ralph", "rand", "randy", "raymond",
        "reince", "richard", "rick", "robby", "robert", "roger", "ron", "ronald", "roy", "rudy",
        "russell", "ryan", "samuel", "scott", "sean", "sergei", "shinzo", "sir", "stanley",
        "stephen", "steve", "steven", "ted", "terry", "thomas", "tim", "timothy", "tom", "tony",
        "tyler", "vincent", "vladimir", "walter", "wayne", "william", "willie", "xi", "zachary",
    ]),
    (FEMALE, &[
        "abigail", "alexis", "alice", "amanda", "amber", "amy", "andrea", "angela", "ann", "anna",
        "anne", "ashley", "barbara", "betty", "beverly", "brenda", "brittany", "carla", "carly",
        "carol", "carolyn", "catherine", "charlotte", "chelsea", "cheryl", "christina",
        "christine", "claire", "condoleezza", "cynthia", "dame", "danielle", "debbie", "deborah",
        "debra", "denise", "diana", "diane", "dianne", "donna", "doris", "dorothy", "elise",
        "elizabeth", "ellen", "emily", "emma", "evelyn", "frances", "gloria", "grace", "gwen",
        "hannah", "heather", "helen", "hilary", "hillary", "huma", "isabella", "ivanka",
        "jacqueline", "janet", "janice", "jean", "jennifer", "jessica", "jill", "joan", "joyce",
        "judith", "judy", "julia", "julie", "kamala", "karen", "katherine", "kathleen", "kathryn",
        "katy", "kayla", "kellyanne", "kimberly", "kirsten", "lady", "laura", "lauren", "linda",
        "lisa", "loretta", "madam", "madeleine", "madison", "margaret", "maria", "marie",
        "marilyn", "marine", "martha", "mary", "maxine", "megan", "meghan", "megyn", "melania",
        "melissa", "michelle", "mrs", "ms", "nancy", "natalie", "nicole", "nikki", "nina",
        "olivia", "oprah", "pamela", "patricia", "paula", "rachel", "rebecca", "rose", "ruth",
        "samantha", "sandra", "sara", "sarah", "sharon", "sheila", "sheryl", "shirley", "sonia",
        "sophia", "stephanie", "susan", "susana", "sylvia", "tammy", "teresa", "theresa", "tina",
        "tulsi", "valerie", "victoria", "virginia", "wendy",
    ]),
    (TITLE | MALE, &[
        "spokesman", "congressman", "chairman", "businessman", "councilman", "alderman",
        "headmaster", "king", "prince",
    ]),
    (TITLE | FEMALE, &[
        "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "councilwoman",
        "alderwoman", "headmistress", "queen", "princess", "actress", "landlady",
    ]),
    (TIME, &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "today", "yesterday", "tomorrow", "tonight", "week", "weekend", "morning",
        "afternoon", "evening", "night",
    ]),
    (CUE, &[
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "emphasized",
        "emphasised", "emphasizes", "emphasises", "stressed", "stresses", "explained", "explains",
        "warned", "warns", "wrote", "writes", "asked", "asks", "replied", "replies", "continued",
        "insisted", "insists", "argued", "argues", "claimed", "declared", "declares", "announced",
        "remarked", "commented", "observed", "acknowledged", "admitted", "conceded", "suggested",
        "urged", "reiterated", "concluded", "recalled", "tweeted", "predicted", "vowed", "pledged",
        "promised", "cautioned", "mentioned", "responded", "answered", "countered", "maintained",
        "contended", "asserted", "affirmed", "revealed", "disclosed", "boasted", "complained",
        "lamented", "quipped", "joked", "shouted", "exclaimed", "alleged", "testified", "retorted", "wondered", "mused", "recounted", "demanded", "pleaded", "protested", "interjected", "scoffed",
        "notes", "denied", "denies", "confirmed", "confirms", "reported", "charged", "responds",
        "recalls", "agreed", "agrees", "acknowledges", "admits", "announces", "predicts",
        "proclaimed", "bragged", "fumed", "snapped", "thundered", "reasoned", "concedes",
        "contends", "maintains", "counters", "suggests", "tweets", "posted", "emailed",
    ]),
    (CUE_ING, &[
        "saying", "stating", "adding", "noting", "emphasizing", "emphasising", "stressing",
        "explaining", "warning", "writing", "telling", "asking", "insisting", "arguing", "claiming",
        "declaring", "announcing", "urging", "remarking", "commenting", "observing",
        "acknowledging", "admitting", "suggesting", "reiterating", "recalling", "replying",
        "responding", "vowing", "pledging", "cautioning",
    ]),
    (GENERIC, &[
        "officials", "sources", "analysts", "critics", "experts", "residents", "witnesses",
        "observers", "diplomats", "lawmakers", "investigators", "authorities", "protesters",
        "activists", "researchers", "scientists", "economists", "doctors", "officers", "soldiers",
        "people", "others", "commentators", "reports", "leaders", "allies", "partners", "voters",
        "citizens", "workers", "families", "users", "skeptics", "sceptics", "supporters",
        "opponents", "insiders", "aides", "advisers", "advisors",
    ]),
];

/// Every finite reporting verb of the lexicon ("said", "told", "denied").
pub(super) fn cue_words() -> impl Iterator<Item = &'static str> {
    WORDS
        .iter()
        .filter(|(flags, _)| flags & CUE != 0)
        .flat_map(|(_, words)| words.iter().copied())
}

#[derive(Default)]
pub(super) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        // The multiply mixes upwards only: fold the high bits down, or the
        // bucket (low bits) would depend on a name's first bytes alone.
        self.0 ^ (self.0 >> 32)
    }
}

pub(super) type NameMap<'a> =
    std::collections::HashMap<&'a str, usize, std::hash::BuildHasherDefault<WordHasher>>;

/// Open-addressing table of `WORDS` (lowercase word -> class flags), built
/// once. A lookup hashes four bytes and usually compares one slot.
pub(super) struct WordTable {
    slots: Vec<(&'static [u8], u32)>,
}

pub(super) const WORD_SLOTS: usize = 4096; // power of two; keep the word count under 40% of it

#[inline]
pub(super) fn word_hash(w: &[u8]) -> usize {
    let b = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let n = w.len();
    let mut h = (n as u32).wrapping_mul(0x9E37_79B9);
    for c in [b(0), b(1), b(n / 2), b(n.wrapping_sub(1))] {
        h = (h ^ c).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 15)) as usize & (WORD_SLOTS - 1)
}

pub(super) static WORD_CLASSES: std::sync::LazyLock<WordTable> = std::sync::LazyLock::new(|| {
    let mut slots: Vec<(&'static [u8], u32)> = vec![(&[], 0); WORD_SLOTS];
    for (flags, words) in WORDS {
        for w in *words {
            let w = w.as_bytes();
            let mut h = word_hash(w);
            loop {
                let slot = &mut slots[h];
                if slot.0.is_empty() || slot.0 == w {
                    slot.0 = w;
                    slot.1 |= flags;
                    break;
                }
                h = (h + 1) & (WORD_SLOTS - 1);
            }
        }
    }
    WordTable { slots }
});

#[inline]
pub(super) fn class_lower(w: &[u8]) -> u32 {
    let slots = &WORD_CLASSES.slots;
    let mut h = word_hash(w);
    loop {
        match slots.get(h) {
            Some((k, f)) if *k == w => return *f,
            Some((k, _)) if !k.is_empty() => h = (h + 1) & (WORD_SLOTS - 1),
            _ => return 0,
        }
    }
}

pub(super) fn is_abbrev(w: &str) -> bool {
    const ABBR: [&str; 27] = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
        "adm", "st", "jr", "sr", "mt", "no", "vs", "etc", "inc", "corp", "co", "ltd", "sept", "ft",
    ];
    let one_cap = w.chars().nth(1).is_none() && starts_upper(w);
    one_cap || w.contains('.') || ABBR.iter().any(|a| eq_ci(w, a))
}

pub(super) fn is_connector(w: &str) -> bool {
    [
        "of", "de", "da", "van", "von", "bin", "al", "el", "la", "le", "du", "del", "dos",
    ]
    .contains(&w)
}
