"""The extraction lexicon, as data: cue phrases per kind, per stance, and the words that steer actors.

Each entry is a regular expression matched case-insensitively on cleaned text (straight quotes). A
pattern that does not start with a word of 3 letters or more is written ``(pattern, words)``, naming
the words one of which every match contains: a sentence without any of them is not searched (tests
check that a cue finds just what its patterns together find).
Edit these tables to teach extraction new phrasing; ``extract.py`` holds only the procedure.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from coalition_tui.store.model import Kind, Stance

_META = set("\\()[]?*+{}|.^$")


def _literal(pattern: str) -> str | None:
    """The lower-case text every match of ``pattern`` must contain, if it starts with one (>= 3 chars)."""
    body = re.sub(r"^\(\?<!?[^)]*\)", "", pattern.removeprefix(r"\b")).removeprefix(r"\b")
    out: list[str] = []
    for i, ch in enumerate(body):
        if ch in _META:
            if ch in "?*{" and out:
                out.pop()  # "troops?": the s is optional
            break
        out.append(ch)
        if i + 1 == len(body):
            break
    literal = "".join(out).lower()
    return literal if len(literal) >= 3 else None


def _literals(pattern: str | tuple[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    if not isinstance(pattern, str):
        return tuple(lit.lower() for lit in pattern[1])
    literal = _literal(pattern)
    return (literal,) if literal else None


class Cue:
    """A set of alternative patterns. Each pattern's literals (one of which every match contains) are
    looked for first (substring tests), and only the patterns with a literal present are run, as one
    alternation: same matches as the whole alternation, a fraction of the work.

    A pattern is a string (its literal is the text it starts with, if that is 3 characters or more) or
    ``(pattern, literals)`` naming the words one of which every match contains, when it starts otherwise.
    """

    _MAX_VARIANTS = 256

    def __init__(self, *patterns: str | tuple[str, tuple[str, ...]]) -> None:
        self.patterns = tuple(p if isinstance(p, str) else p[0] for p in patterns)
        self.pattern = "|".join(f"(?:{p})" for p in self.patterns)
        self.rx = re.compile(self.pattern, re.IGNORECASE)
        self._always = 0  # patterns without a known literal: always run
        self._bits: dict[str, int] = {}  # literal -> the patterns (bit per pattern) it lets run
        for n, pattern in enumerate(patterns):
            literals = _literals(pattern)
            if literals is None:
                self._always |= 1 << n
            for literal in literals or ():
                self._bits[literal] = self._bits.get(literal, 0) | 1 << n
        self.literals: tuple[str, ...] | None = None if self._always else tuple(self._bits)
        self._variants: dict[int, re.Pattern[str] | None] = {}

    def allows(self, present: tuple[str, ...]) -> bool:
        """Whether a text containing just the literals ``present`` (of any cue) can match."""
        return bool(self._always) or any(lit in self._bits for lit in present)

    def narrowed(
        self, text: str, low: str | None = None, among: tuple[str, ...] | None = None
    ) -> re.Pattern[str] | None:
        """The alternation of just the patterns that can match ``text`` (None: none can).

        ``among``: the literals known to occur in a text that contains this one (its sentence).
        """
        low = text.lower() if low is None else low
        bits = self._bits
        key = self._always
        for literal in bits if among is None else among:
            if literal in low:
                key |= bits.get(literal, 0)
        try:
            return self._variants[key]
        except KeyError:
            chosen = [p for n, p in enumerate(self.patterns) if key >> n & 1]
            rx = re.compile("|".join(f"(?:{p})" for p in chosen), re.IGNORECASE) if chosen else None
            if len(self._variants) < self._MAX_VARIANTS:
                self._variants[key] = rx
            return rx

    def search(self, text: str, low: str | None = None, among: tuple[str, ...] | None = None) -> re.Match[str] | None:
        """Like ``re.search``; ``low`` is ``text.lower()`` when the caller has it."""
        rx = self.narrowed(text, low, among)
        return rx.search(text) if rx else None

    def finditer(self, text: str, low: str | None = None, among: tuple[str, ...] | None = None) -> list[re.Match[str]]:
        rx = self.narrowed(text, low, among)
        return list(rx.finditer(text)) if rx else []


# --- what is contributed -------------------------------------------------------------------------
KIND_CUES: dict[Kind, Cue] = {
    Kind.FORCES_OUTSIDE_UKRAINE: Cue(
        r"\bneighbou?ring countries\b",
        r"\boutside (?:of )?Ukraine\b",
        r"\brather than (?:on|in) Ukrain",
        (r"\bon (?:nato'?s|the) eastern flank\b", ("eastern flank",)),
        r"\bbase (?:its|their) (?:troops|forces) in\b",
    ),
    Kind.TROOPS_IN_UKRAINE: Cue(
        (r"\b(?<!Ukrainian )(?<!Ukraine's )troops?\b", ("troop",)),
        r"\bpeacekeep(?:ers?|ing (?:forces?|troops|efforts|missions?|units?|contingents?|operations?|soldiers))\b",
        r"\b(?<!Ukrainian )soldiers\b",
        r"\bboots on the ground\b",
        r"\bpresence on the ground\b",
        r"\bforces? (?:on|in|to) (?:Ukrain|the ground)",
        r"\bdeploy(?:ment)? (?:of )?(?:\w+ ){0,3}forces\b",
        r"\bmilitary hubs?\b",
        r"\breassurance force\b",
        r"\bmultinational force\b(?!\s+Ukraine\b)",  # "Multinational Force Ukraine" is the mission's name
        r"\bmulti-national force\b(?!\s+Ukraine\b)",
        r"\bpersonnel\b",
        r"\b(?<!Ukrainian )infantry\b(?! fighting vehicles?)",
        r"\b(?<!Ukrainian )battalions?\b",
        r"\b(?<!Ukrainian )brigades?\b",
        r"\b(?<!Ukrainian )contingents?\b",
    ),
    Kind.LOGISTICS: Cue(
        r"\blogistic(?:s|al)\b", (r"\b(?:a |the )?transit (?:point|hub|route|country)\b", ("transit",))
    ),
    Kind.AIR_SUPPORT: Cue(
        r"\bair (?:support|power|cover|policing|backstop|surveillance|defen[cs]e mission)\b",
        r"\bfighter jets?\b",
        r"\bair force\b",
        r"\bjets\b",
        r"\bfighter (?:aircraft|planes)\b",
    ),
    Kind.NAVAL: Cue(
        r"\bnaval (?:forces?|support|vessels|mission|assets)\b",
        r"\bwarships?\b",
        r"\bmine[- ]?(?:clear|counter|hunt)\w*",
        r"\bfrigates?\b",
        r"\bminesweepers?\b",
        r"\bmaritime (?:mission|security|support|force)\b",
    ),
    Kind.INTELLIGENCE: Cue(r"\bintelligence\b", r"\b(?<!air )surveillance\b", r"\breconnaissance\b"),
    Kind.MILITARY_AID: Cue(
        r"\bmilitary (?:and \w+ )?(?:aid|support|assistance|equipment)\b",
        (
            r"\b(?:bolster|strengthen|reinforce)(?:s|ed|ing)? (?:ukraine's|ukraine’s|ukrainian|kyiv's|its) (?:air )?defen[cs]es?\b",
            ("bolster", "strengthen", "reinforce"),
        ),
        r"\bweapons?\b",
        r"\barms\b",
        r"\bammunition\b",
        r"\bmissiles?\b",
        r"\bair defen[cs]e systems?\b",
        r"\bweapon stocks\b",
        r"\bdrones?\b",
        r"\bartillery\b",
        r"\btanks\b",
        r"\barmou?red vehicles\b",
    ),
    Kind.FUNDING: Cue(r"\bfunding\b", r"\bfund(?:s|ed)?\b", r"\bcash\b", r"\bfinanc\w+\b", r"\bloans?\b"),
    Kind.SANCTIONS: Cue(
        r"\bsanctions?\b",
        r"\beconomic (?:restrictions|pressure)\b",
        (
            r"\b(?:increase|ramp(?:ing)? up|step(?:ping)? up|tighten(?:ing)?|intensify(?:ing)?|maintain(?:ing)?|ratchet(?:ing)? up) (?:the )?(?:economic )?pressure on\b",
            ("pressure on",),
        ),
    ),
    # "as part of security guarantees" frames another contribution; it is not one itself
    Kind.SECURITY_GUARANTEE: Cue(
        (r"\b(?<!part of )(?<!part of the )security guarantees?\b", ("security guarantee",)),
        r"\bbackstop\b",
        r"\bsecurity arrangements\b",
    ),
    Kind.CEASEFIRE_MONITORING: Cue(
        r"\bceasefire monitoring\b",
        r"\bmonitor(?:ing|s|ed)? (?:of )?(?:the |an? |any )?(?:future |eventual |possible )?(?:ceasefire|truce)\b",
        (r"\b(?:monitoring|verification) mechanism\b", ("mechanism",)),
    ),
    Kind.HEADQUARTERS: Cue(r"\bheadquarters\b", r"\bcoordination cell\b", r"\bcommand cent(?:re|er)\b"),
    Kind.TRAINING: Cue(
        r"\btrain(?:ing)? (?:ukrainian|troops|soldiers|forces|pilots)\b", r"\btraining\b", r"\btrainers\b"
    ),
}


class LiteralIndex:
    """Which of several named cues can match a text, from the literal each of their patterns starts with.

    ``in`` on a handful of literals is several times faster than one regular expression of them all;
    a caller that has already found the literals of a sentence passes them as ``among`` for its clauses.
    """

    def __init__(self, named: list[tuple[object, Cue]]) -> None:
        self.owners: dict[str, list[object]] = {}
        self.always = frozenset(name for name, cue in named if cue.literals is None)
        for name, cue in named:
            for literal in cue.literals or ():
                self.owners.setdefault(literal, []).append(name)
        self.literals = tuple(self.owners)

    def present(self, low: str, among: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The literals that occur in ``low`` (lower-cased text), tested among ``among`` if given."""
        if among is None:
            return tuple(lit for lit in self.literals if lit in low)
        owners = self.owners
        return tuple(lit for lit in among if lit in owners and lit in low)

    def possible(self, low: str, among: tuple[str, ...] | None = None) -> set[object]:
        """Names whose literal occurs in ``low``, plus those that have none."""
        found = set(self.always)
        for literal in self.present(low, among):
            found.update(self.owners[literal])
        return found


# When one of these is found, the more general kinds listed are not also reported.
KIND_SUPERSEDES: dict[Kind, tuple[Kind, ...]] = {
    Kind.FORCES_OUTSIDE_UKRAINE: (Kind.TROOPS_IN_UKRAINE,),
    Kind.CEASEFIRE_MONITORING: (Kind.TROOPS_IN_UKRAINE,),
}

KIND_LITERALS = LiteralIndex(list(KIND_CUES.items()))

# --- how firmly ----------------------------------------------------------------------------------
# What a country offers, negated ("would not tighten sanctions"): declined, not the "would" of a commitment.
_OFFERS = r"offer|share|supply|tighten|impose|back(?! down)|help|host|train|fund|finance|lead|guarantee"

# Checked strongest-signal first: the first stance whose cue appears in the clause wins.
STANCE_CUES: list[tuple[Stance, Cue]] = [
    (
        Stance.OPPOSED,
        Cue(
            r"\brejected? (?:the |any )?(?:presence|deployment|idea)\b",
            r"\bruled? out accepting\b",
            r"\bunacceptable\b",
            r"\boppose[sd]?\b",
            r"\bwarned (?:against|that)\b",
            r"\bcategorically rejected\b",
        ),
    ),
    (
        Stance.DECLINED,
        Cue(
            (
                r"\b(?:would|will|could|did|does|do) not (?:\w+ ){0,2}"
                r"(?:contribute|send|deploy|provide|commit|take part|join|participate|put|station|base|"
                + _OFFERS
                + r")\b",
                (" not ",),
            ),
            (
                r"\b(?:won't|wouldn't|cannot|can't) (?:\w+ ){0,2}(?:contribute|send|deploy|provide|commit|"
                + _OFFERS
                + r")\b",
                ("n't ", "cannot "),
            ),
            r"\brefus(?:ed|es|ing) to\b",
            r"\brefused\b",
            r"\bexclud(?:ed|es)\b",
            r"\bdeclined to\b",
            (r"\bru(?:led|les|ling) out (?:sending|contributing|deploying|any|the|a|its|their)\b", ("out ",)),
            (
                r"\b(?:will|would|shall|won't|wouldn't) (?:not )?be (?:sent|deployed|contributed|stationed)\b(?<!will be sent)(?<!would be sent)(?<!will be deployed)(?<!would be deployed)",
                (" be sent", " be deployed", " be contributed", " be stationed"),
            ),
            (r"\bnot (?:be )?(?:involved|taking part)\b", ("not be involved", "not involved", "not taking part")),
            r"\bno plans to\b",
            (r"\b(?:does|do|did) not plan to\b", ("not plan to",)),
            r"\bsuspended\b",
            r"\bwithdr[ae]w\b",
            r"\bhalted\b",
        ),
    ),
    (
        Stance.CONDITIONAL,
        Cue(
            # "if a ceasefire is achieved", "in the event of a peace deal": the coalition's shared premise,
            # not a condition (ANNOTATION.md); only a condition beyond it makes a record conditional
            (
                r"\bin the event of\b(?! (?:a |an |the |any )?(?:\w+ )?(?:ceasefire|truce|peace|deal|agreement|settlement|cessation))",
                ("in the event of",),
            ),
            (
                r"\b(?:with|given|under) (?:an? |the )?(?:american|u\.s\.|us|united states|washington(?:'s)?|un|united nations) "
                r"(?:support|backing|backstop|help|involvement|guarantees?|security guarantees?|air cover|mandate)\b",
                ("support", "backing", "backstop", "help", "involvement", "guarantee", "air cover", "mandate"),
            ),
            (
                r"\bwithout (?:an? |the )?(?:american|u\.s\.|us|united states) (?:backstop|support|backing|involvement)\b",
                ("without",),
            ),
            (r"\bunder (?:certain|strict|specific|some) conditions\b", ("conditions",)),
            r"\bonly (?:if|with|when|after|once|under)\b",
            (
                r"\b(?:seek|obtain|get|need|require)s? (?:a |the )?(?:mandate|approval|consent) (?:from|of)\b",
                ("mandate", "approval", "consent"),
            ),
            (
                r"\b(?:parliament(?:ary)?|congress(?:ional)?|legislative)(?:'s)? (?:approval|consent|mandate|vote)\b",
                ("approval", "consent", "mandate", "vote"),
            ),
            r"\bif (?:asked|requested|invited|needed|necessary)\b",
            r"\bdependent (?:up)?on\b",
            r"\bdepends? (?:up)?on\b",
            r"\bonly sustainable with\b",
            r"\bsubject to\b",
            r"\bprovided that\b",
            r"\bon (?:the )?condition\b",
            r"\bconditional on\b",
            r"\bas long as\b",
            r"\bunless\b",
            r"\bwould (?:still )?require\b",
            (
                r"\bif\b[^,.;]{0,60}\b(?:provide[sd]?|guarantee[sd]?|agree[sd]?|back(?:s|ed)?|commit(?:s|ted)?)\b",
                ("provide", "guarantee", "agree", "back", "commit"),
            ),
        ),
    ),
    (
        Stance.CONSIDERING,
        Cue(
            r"\bconsider(?:ing|s)\b",
            r"\bweighing\b",
            r"\bworking on plans\b",
            r"\bunwilling to (?:openly )?say\b",
            r"\breluctan\w+\b",
            r"\bundecided\b",
            r"\bnot (?:yet )?confirmed\b",
            r"\bexploring\b",
            r"\bdiscuss(?:ing)? whether\b",
            r"\bhas not (?:yet )?decided\b",
            (r"\b(?:has|have) yet to (?:commit|decide|confirm|say)\b", ("yet to",)),
            (r"\b(?:remains?|is|was) (?:only |still )?[\"']?a possibility\b", ("possibility",)),
            r"\bhas not ruled out\b",
            r"\bhave not ruled out\b",
            r"\bnot ruled out\b",
            (r"\b(?:is|are) (?:in talks|open-minded)\b", ("in talks", "open-minded")),
            r"\bunder review\b",
        ),
    ),
    (
        Stance.WILLING,
        Cue(
            r"\breadiness\b",
            # not "the coalition of the willing" to defend Ukraine
            (
                r"\b(?:ready|(?<!of the )willing|prepared)[\"']? (?:and (?:willing|able)[\"']? )?to\b",
                ("ready", "willing", "prepared"),
            ),
            (r"\b(?<!of the )willing(?:ness)? to\b", ("willing",)),
            (
                r"\b(?:is|are|was|were) (?:in favou?r of|for) (?:sending|deploying|contributing)\b",
                ("favor", "favour", "for sending", "for deploying", "for contributing"),
            ),
            r"\bcan contribute\b",
            (r"\b(?:envisag|envision)(?:es|ed|s)?\b", ("envisag", "envision")),
            (r"\b(?:a |the )?proposed (?:\w+ )?(?:force|mission|deployment|contingent)\b", ("proposed",)),
            r"\bopenness\b",
            r"\bopen to\b",
            r"\bprepared to\b",
            r"\bcould (?:contribute|send|offer|deploy|focus on|help|provide|support|take part|participate)\b",
            r"\boffered\b",
            r"\bwould prefer\b",
        ),
    ),
    (
        Stance.COMMITTED,
        Cue(
            r"\bcommitted to\b",
            r"\bcommit(?:s|ted)?\b",
            r"\bpromis(?:e|es|ed|ing)\b",
            r"\bpledge[sd]?\b",
            r"\bvow(?:ed|s)?\b",
            r"\bunveil(?:ed|s)?\b",
            (r"\b(?:ramp|step)(?:ed|ing|s)? up\b", ("ramp", "step")),
            r"\bwill\b(?! not\b)",  # "will not conduct operations": no commitment, whatever the verb
            r"\bwould (?:be )?(?:placed|deployed|sent|based|establish|provide|host)\b",
            r"\bagreed (?:to|on)\b",
            r"\bsigned\b",
            r"\bannounc(?:e|es|ed|ing)\b",
            (r"\b(?:their |its |his |her )?(?:intention|intent) to\b", ("intention to", "intent to")),
            (r"\bintends? to\b", ("intend",)),
            r"\bhas provided\b",
            r"\bprovid(?:e|es|ed|ing)\b",
            r"\bdeploy(?:ed|s)?\b",
            r"\bsend(?:s|ing)?\b",
            r"\bestablish\b",
            r"\bhost\b",
            r"\bsupply\b",
            r"\bstrongly stands\b",
            r"\bcontribut(?:e|es|ed|ing)\b",
            r"\bwould\b(?! not\b)",
            (r"\b(?:is|are|will be) responsible for\b", ("responsible for",)),
            r"\bcontinue to\b",
            r"\bdoes not back down from (?:his|its|their) commitments\b",
        ),
    ),
]
STANCE_LITERALS = LiteralIndex(list(STANCE_CUES))

# Just before a stance cue, these make it a topic, not a position: "the discussion around sending
# troops", "to discuss potentially sending peacekeepers".
DISCUSSION = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|discussions?|debates?|debated|talks?|frustration|question)\b(?:\s+(?:around|about|on|over|of|at|how|whether))?(?:\s+\w+){0,3}\s*$",
    re.IGNORECASE,
)
# Phrases about what *others* should do: the speaker makes a demand, not a commitment.
DEMAND_CUES = Cue(r"\bcalled on\b", r"\burged?\b", r"\bdemand(?:ed|s)?\b", r"\bmust\b", r"\bneeds?\b", r"\basked\b")

# --- attendance ----------------------------------------------------------------------------------
_MEETING = (
    r"(?:meeting|summit|talks|call|conference|gathering|session|hook-up|videoconference|discussions?|get-together)"
)
PARTICIPATION_CUES = Cue(
    # "participate in" a meeting, not "in the deployment" or "in negotiations"
    (r"\bparticipat(?:ed|es|ing|e)\b(?! in\b(?!(?: \S+){0,3} MEET\b))".replace("MEET", _MEETING), ("participat",)),
    r"\battend(?:ed|s|ing|ees?)?(?: by)?\b",
    # "joined the call", "joined via video", "also joined." — not "join security guarantees"
    (
        r"\bjoin(?:ed|s|ing)?(?: by\b| (?=via\b|in person\b|virtually\b|remotely\b|online\b)|(?=\s*(?:[.,;]|$))|(?= (?:\S+ ){0,3}MEET\b))".replace(
            "MEET", _MEETING
        ),
        ("join",),
    ),
    r"\bdiall?ed in(?:to)?\b",
    r"\bhost(?:ed|s|ing)?(?: by)?\b(?! (?:the |a |an )?(?:headquarters|hq|coordination|command|force|troops|mission))",
    (r"\b(?:were|was|are|is|be) (?:also )?represented\b", ("represented",)),
    (
        r"\brepresent(?:s|ing)\b(?= (?:the )?(?-i:[A-Z]))",
        ("represent",),
    ),  # "represents Turkey", not "represents a threat"
    (r"\b(?:were|was|are|is|be) (?:also )?present\b", ("present",)),
    (r"\bby video(?: ?(?:link|conference|call))?\b", ("by video",)),
    (r"\bvia video(?: ?(?:link|conference|call))?\b", ("via video",)),
    (r"\bvideo ?call\b", ("video",)),
    r"\btook part\b",
    r"\btaking part\b",
    (
        r"\b(?:set|expected|due) to (?:include|attend|join|take part)\b",
        ("to include", "to attend", "to join", "to take part"),
    ),
    r"\bmet\b",
    (r"\b(?:held|hold|holds|holding) (?:\w+ )?talks with\b", ("talks with",)),
    r"\bchaired\b",
    (r"\bco-?chair(?:ed|s|ing)?\b", ("chair",)),
    r"\btook place\b",
    (r"\bbr(?:ing|ings|inging|ought) together\b", ("together",)),
    r"\bled by\b",
    r"\bis in \w+ with\b",
    r"\bmet with\b",
    r"\bmeeting (?:his|her|their)\b",
    r"\balongside\b",
    r"\bconvened by\b",
    r"\bsigned\b",
    r"\bgathered\b",
    (r"\b(?:group|meeting|coalition|summit|talks|leaders) (?:also )?includ(?:es|ed)\b", ("includ",)),
)
ABSENCE_CUES = Cue(
    r"\babsent\b",
    r"\bstayed away\b",
    (
        r"\b(?:did not|didn't|will not|won't|would not) (?:attend|take part|join|participate)\b"
        r"(?! in\b(?!(?: \S+){0,3} MEET\b))".replace("MEET", _MEETING),
        ("not ", "n't "),
    ),
    r"\bboycott\w*\b",
    (
        r"\bnot (?:on|among) the (?:list of )?(?:participants|attendees|invitees)\b",
        ("participants", "attendees", "invitees"),
    ),
    r"\bskipp(?:ed|ing)\b",
)
# Between a participation cue and the names it introduces: auxiliaries, role nouns and titles
# ("attended by representatives of", "Among the attendees were UK Prime Minister", "hosted by the").
ROLL_CALL_FILLER = re.compile(
    r"^[\s,:]*(?:(?:were|was|are|is|be|by|the|a|an|of|from|with|including|like|such as|as well as|and|also|"
    r"among them|in person|remotely|virtually|representatives?|leaders?|heads?(?: of (?:state|government))?|"
    r"chiefs?(?: of (?:general )?staffs?)?|officials?|ministers?|delegations?|counterparts?|envoys?|ambassadors?|"
    r"prime|minister|president|vice|chancellor|premier|secretary|general|defen[cs]e|foreign|interim|deputy|"
    r"\d+|some|several|other|countries|nations|states|allies)\b[\s,:]*)*$",
    re.IGNORECASE,
)
# A role noun before a list of names: "the leaders of France, Germany and Italy", "Countries like Poland".
ROLE_OF = re.compile(
    r"\b(?:leaders?|representatives?|heads?(?: of (?:state|government))?|chiefs?|officials?|(?:prime |defen[cs]e |foreign )?"
    r"ministers?|presidents?|premiers?|delegations?|envoys?|ambassadors?|countries|nations|states|allies|partners)"
    r"\s+(?:of|from|like|such as|including)\s+(?:the\s+)?$|\b(?:along with|together with|alongside|as well as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Demonyms that stand for their country before a role noun: "the British, Polish and Italian prime ministers".
ROLE_NOUN = re.compile(
    r"^\s*(?:(?:and|,)\s*)?(?:prime ministers?|presidents?|chancellors?|premiers?|leaders?|ministers?|"
    r"representatives?|delegations?|officials?|counterparts?|defen[cs]e ministers?|foreign ministers?|"
    r"(?:chiefs?|heads?) of (?:staff|government|state))\b",
    re.IGNORECASE,
)
# A meeting on the side of the one reported: what happens before it is not attending it.
SIDE_MEETING = re.compile(
    r"\b(?:before|ahead of|prior to)\s+(?:the |an? |their |this )?(?:[\w'’-]+ ){0,4}"
    r"(?:summit|meeting|talks|get-together|gathering|call|conference)\b",
    re.IGNORECASE,
)
LIST_HEADER_CUES = Cue(r"\binclude\w*\b", r"\battend\w*\b", r"\bparticipants?\b", r"\bleaders\b", r"\bpresent\b")

# --- who acts ------------------------------------------------------------------------------------
# A name right after one of these is what something is done to or where, not who does it.
NON_ACTOR_PREPOSITIONS = frozenset(
    "to in into for on onto against of across inside about over towards toward at near under upon than "
    "between within via behind".split()
)
# For attendance, these introduce participants ("with Macron", "leaders from Germany").
PARTICIPANT_PREPOSITIONS = frozenset({"with", "alongside", "from", "including", "and", "between"})
PARTICIPANT_REACH = 40  # characters: a name introduced by one of them follows the cue or the last name closely
# Venue words: "a summit in London", "headquartered in Paris" — a place, not the state acting.
VENUE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|inside|via|based at|based in)\s+(?:the\s+)?(?:[A-Z][\w-]+\s+(?:and|or)\s+)?"
    r"(?:(?:central|north|south|east|west|northern|southern|eastern|western|north-west|north-east|south-west|"
    r"south-east|downtown|greater)\s+)?)$",
    re.IGNORECASE,
)
# A capital used as a modifier of a meeting ("The Elysee Palace summit") is a venue too.
VENUE_AFTER = re.compile(r"^\s*(?:summit|meeting|talks|conference|visit|call|gathering)\b", re.IGNORECASE)
# Kinds whose cue can name a place rather than a contribution ("talks held at the UK headquarters").
LOCATION_USE = {Kind.HEADQUARTERS: re.compile(r"\b(?:at|from|in|of) (?:the )?(?:[\w']+ ){0,4}$", re.IGNORECASE)}
# Verbs that attribute a quotation to its speaker: '"...," Starmer told reporters.'
SPEAKER_VERBS = re.compile(r"^\W*(?:said|says|told|wrote|added|stated|confirmed|insisted|announced)\b", re.IGNORECASE)
# A relative clause: its names describe the noun before it ("the US, which has provided ...").
RELATIVE = re.compile(r"[\"')\]]*,\s+(?:which|who|whose)\b", re.IGNORECASE)
# Between a subject and its verb, these mean the verb has another subject ("what a force would").
SUBORDINATOR = re.compile(r"\b(?:what|whether|which|how|why|because|although)\b", re.IGNORECASE)
QUESTION_WORDS = frozenset({"whether", "if", "unless", "why", "how"})
# Coordination between the members of one subject ("Britain and France", "Macron, Starmer and Zelenskyy").
COORDINATION = re.compile(r"^\s*(?:,|and|, and|as well as|&)?\s*(?:the\s+)?$", re.IGNORECASE)
# Forces named by their owner: "French and British forces", "troops from France and the UK".
FORCE_NOUN = re.compile(r"^\s*(?:and \w+ )?(?:forces|troops|soldiers|peacekeepers|military)\b", re.IGNORECASE)
# "Turkish Foreign Minister Hakan Fidan said", "Dutch officials said": the demonym names who speaks
TITLE_AFTER_DEMONYM = re.compile(
    r"^\s*(?:(?:foreign|defen[cs]e|prime|deputy|interim|vice|government|senior|military|armed forces)\s+)*"
    r"(?:minister|president|chancellor|premier|leader|officials?|spokes(?:wo)?man|spokesperson|envoy|ambassador|"
    r"government|diplomats?|chief|commander|secretary)\b",
    re.IGNORECASE,
)
# A dateline opens an article ("PARIS, 4 September 2025 —", "LONDON (AFP) -"): its place is no actor.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+)*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})))"
    r"(?:,[^—–\n]{0,60}?)?\s*(?:\([^)\n]{0,40}\)\s*)?(?:[—–]|--?|:)\s+"
)
FORCES_FROM = re.compile(r"\b(?:troops|forces|soldiers|peacekeepers) from\s*$", re.IGNORECASE)
# Lower-case phrases that stand for members of the coalition as a whole.
GROUP_PHRASES = Cue(
    r"\bthe coalition(?: of the willing)?\b",
    r"\bother countries\b",
    r"\bother members\b",
    r"\beuropean (?:leaders|allies|nations|partners)\b",
    r"\bwestern (?:allies|nations)\b",
    # "26 countries had committed", "the 30 nations": a count of the members speaks for the coalition
    (
        r"\b(?:some |about |around |more than |over |nearly |almost )?\d+ (?:other |largely european |mostly european |european )?"
        r"(?:countries|nations|states|allies|partners|leaders)\b",
        ("countries", "nations", "states", "allies", "partners", "leaders"),
    ),
    r"\bcoalition (?:members|countries|partners|nations|leaders|states)\b",
    # what the meeting itself adopted speaks for the coalition: "The statement commits the coalition to..."
    (
        r"\bthe (?:\w+ )?(?:joint |final )?(?:statement|declaration|communiqu[eé]|draft agreement)\b",
        ("statement", "declaration", "communiqu", "draft agreement"),
    ),
    (r"\bthe (?:participants|leaders|partners|members)\b(?! of\b)", ("participants", "leaders", "partners", "members")),
    (r"\b(?:world|allied|participating) leaders\b", ("leaders",)),
    r"\bthe allies\b",
    (r"(?<=ukraine's )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),  # after the possessive name
    (r"(?<=ukraine’s )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),
    (r"(?<=kyiv's )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),
    r"\bpartner (?:countries|nations)\b",
    r"\bparticipating (?:countries|nations|states)\b",
)
GROUP_ENTITY = "coalition-of-the-willing"
# Clause boundaries inside a sentence.
CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:while|whereas|but|as|where)\s+|\s+but\s+|,\s+and\s+(?=[A-Z]|he |she |they |it )"
    r"|,\s+(?:adding|saying|noting|stressing)(?: that)?\s+|,\s+(?=(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:will|would|has|have|pledged|plans?|intends?|offered)\b)"
    r"|\s+and\s+(?=(?:would|will|could|has|have|had|is|was|said)\b)"
)
# A leading subordinate clause ("While intelligence sharing remains vital, ...") ends at its first comma.
LEADING_SUBORDINATE = re.compile(r"^(?:While|Although|Though|Whereas|Despite|As|If|When|Once)\b[^,]*,\s*")


# The literals that decide whether a sentence is looked at (``literals_by_span`` finds them at once).
SENTENCE_LITERALS = tuple(
    dict.fromkeys(KIND_LITERALS.literals + (PARTICIPATION_CUES.literals or ()) + (ABSENCE_CUES.literals or ()))
)


def literals_by_span(low: str, spans: list[tuple[int, int]], literals: tuple[str, ...]) -> list[tuple[str, ...]]:
    """For each of ``spans`` (in order, not overlapping) of lower-cased text ``low``, which of ``literals``
    occur inside it: one search of the text per literal instead of one per span."""
    starts = [start for start, _ in spans]
    found: list[list[str]] = [[] for _ in spans]
    for literal in literals:
        at = low.find(literal)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(literal) <= spans[i][1] and not (found[i] and found[i][-1] is literal):
                found[i].append(literal)
            at = low.find(literal, at + 1)
    return [tuple(here) for here in found]
