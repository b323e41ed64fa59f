"""The extraction lexicon, as data: cue phrases per kind (what is contributed) and per stance (how firmly).

Each entry is a pattern for :class:`~coalition_tui.extraction.patterns.Cue` (see there for the
``(pattern, words)`` form). Edit these tables to teach extraction new phrasing; the words that steer
actors, attendance and clauses are in ``context_cues.py``; ``extract.py`` holds only the procedure.
"""

from __future__ import annotations

import re

from coalition_tui.extraction.patterns import Cue, LiteralIndex
from coalition_tui.store.model import Kind, Stance

# --- what is contributed -------------------------------------------------------------------------
# "a presence on land, at sea and in the air", "air, sea and ground operations": one kind per domain
# named (ANNOTATION.md, "The domain decides"); a domain word counts only inside such a list of two or more
# (as said, and as bare words only before a noun: not "the agreement covers land and air space").
_LAND = (r"(?:on (?:the )?land|on the ground)", r"(?:land|ground)")
_SEA = (r"at sea", r"(?:sea|maritime)")
_AIR = (r"in the (?:air|sky|skies)", r"(?:air(?!\s+(?:and missile )?defen)|airspace)")
_JOIN = r",? (?:and |or )?"
_DOMAIN_NOUN = r" (?:operations|forces|components?|domains?|borders|presence|missions?|assets|capabilities)\b"


def _in_domain_list(domain: tuple[str, str], words: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A cue for ``domain`` named in a list of domains: "on land, at sea, or in the air", or bare
    words before a noun ("air, sea and ground operations", "air and maritime borders")."""
    said, bare = domain
    any_said = f"(?:{_LAND[0]}|{_SEA[0]}|{_AIR[0]})"
    any_bare = f"(?:{_LAND[1]}|{_SEA[1]}|{_AIR[1]})"
    return (
        f"\\b(?:{any_said}{_JOIN}){{1,3}}{said}\\b|\\b{said}{_JOIN}{any_said}\\b"
        f"|\\b(?:{any_bare}{_JOIN}){{1,3}}{bare}(?:{_JOIN}{any_bare}){{0,2}}{_DOMAIN_NOUN}"
        f"|\\b{bare}(?:{_JOIN}{any_bare}){{1,3}}{_DOMAIN_NOUN}",
        words,
    )


KIND_CUES: dict[Kind, Cue] = {
    Kind.FORCES_OUTSIDE_UKRAINE: Cue(
        r"\bneighbou?ring countries\b",
        r"\boutside (?:of )?Ukraine\b",
        r"\brather than (?:on|in) Ukrain",
        (r"\bon (?:nato'?s|the) eastern flank\b", ("eastern flank",)),
        r"\bbase (?:its|their) (?:troops|forces) in\b",
        # ANNOTATION.md: "neighbouring NATO states": forces sent to one of them, named
        (
            r"\b(?:troops|soldiers|forces|battalions?|brigades?|contingents?|units|jets|aircraft)\b(?: \w+){0,2} "
            r"(?:to|in|into) (?:neighbou?ring )?(?:Poland|Romania|Slovakia|Moldova|the Baltic states|the Baltics)\b",
            (
                "to poland",
                "in poland",
                "to romania",
                "in romania",
                "to slovakia",
                "in slovakia",
                "to moldova",
                "in moldova",
                "the baltic",
            ),
        ),
    ),
    Kind.TROOPS_IN_UKRAINE: Cue(
        (r"\b(?<!Ukrainian )(?<!Ukraine's )troops?\b", ("troop",)),
        r"\bpeacekeep(?:ers?|ing (?:forces?|troops|efforts?|missions?|units?|contingents?|operations?|soldiers))\b",
        r"\b(?<!Ukrainian )soldiers\b",
        r"\bboots on the ground\b",
        r"\bpresence on the ground\b",
        r"\bforces? (?:(?:deployed|stationed|based|sent) )?(?:on|in|to|into) (?:Ukrain|the ground)",
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
        _in_domain_list(_LAND, ("land", "ground")),
    ),
    Kind.LOGISTICS: Cue(
        r"\blogistic(?:s|al)\b",
        (r"\b(?:a |the )?transit (?:point|hub|route|country)\b", ("transit",)),
        # ANNOTATION.md: transport and supply
        (
            r"\b(?:transport|cargo|tanker|refuel\w*) (?:aircraft|planes|capacity|capacities|capabilit\w+|ships|support)\b",
            ("transport", "cargo", "tanker", "refuel"),
        ),
        r"\bairlift\w*\b",
        r"\bsupply (?:lines?|routes?|chains?|hubs?)\b",
        (r"\b(?:fuel|medical|military) supplies\b", ("supplies",)),
    ),
    Kind.AIR_SUPPORT: Cue(
        r"\bair (?:support|power|cover|policing|backstop|surveillance|defen[cs]e mission)\b",
        r"\bfighter jets?\b",
        r"\bair force\b",
        r"\bjets\b",
        r"\bfighter (?:aircraft|planes)\b",
        # the mission in the air (aircraft given to Ukraine are military aid: "missiles, warplanes and ...")
        r"\bair (?:component|mission|patrols?|shield|presence|task force|element|operations?)\b",
        _in_domain_list(_AIR, ("air", "sky", "skies")),
        # "secure Ukraine's skies", "ensure the security of Ukraine's airspace"
        (
            r"\b(?:secur\w*|protect\w*|defend\w*|polic\w*|guard\w*)\b(?: (?:of )?(?:the |ukraine['’]s |ukrainian )?)"
            r"(?:airspace|skies)\b",
            ("airspace", "skies"),
        ),
    ),
    Kind.NAVAL: Cue(
        r"\bnaval (?:forces?|support|vessels|mission|assets)\b",
        r"\bwarships?\b",
        r"\bmine[- ]?(?:clear|counter|hunt)\w*",
        r"\bfrigates?\b",
        r"\bminesweepers?\b",
        (
            r"\b(?:ships|vessels)\b(?! (?:weapons|arms|ammunition|aid|supplies)\b)",
            ("ships", "vessels"),
        ),  # ANNOTATION.md: ships
        r"\bmaritime (?:mission|security|support|force|component|domain|borders)\b",
        # the sea named as the mission's task: "patrol the Black Sea", "a Black Sea security mission"
        (
            r"\b(?:patrol|secur|protect|polic|escort)\w* (?:\w+ )?(?:the )?(?:black sea|sea lanes|shipping lanes|sea routes)\b",
            ("patrol", "secur", "protect", "polic", "escort"),
        ),
        r"\bblack sea (?:mission|security|task force|patrols?|demining|coalition)\b",
        (
            r"\b(?:demining|mine[- ]?clearance|clear(?:ing)? (?:\w+ )?mines)\b[^.;]{0,30}\b(?:black sea|at sea|sea lanes)\b",
            ("demining", "mine", "mines"),
        ),
        _in_domain_list(_SEA, ("sea", "maritime")),
    ),
    Kind.INTELLIGENCE: Cue(
        r"\bintelligence\b",
        r"\b(?<!air )surveillance\b",
        r"\breconnaissance\b",
        (r"\bsatellite (?:imagery|images|data|intelligence|capabilit\w+)\b", ("satellite",)),
    ),
    Kind.MILITARY_AID: Cue(
        # "military aid", "military, financial and political assistance", "military help"
        r"\bmilitary(?:,? (?:and |or )?\w+){0,3},? (?:aid|support|assistance|equipment|help)\b",
        r"\bmilitarily\b",  # "countries that militarily support Ukraine"
        # ANNOTATION.md: money for Ukraine's armed forces or defence budget is military aid
        (
            r"\b(?:support|money|funding|aid|help|assistance|financing) (?:for|to) (?:the )?(?:ukrainian|ukraine['’]s) "
            r"(?:armed forces|army|military|defen[cs]e (?:budget|industry|sector))\b",
            ("armed forces", "army", "military", "budget", "industry", "sector"),
        ),
        (
            r"\b(?:bolster|strengthen|reinforce)(?:s|ed|ing)? (?:ukraine's|ukraine’s|ukrainian|kyiv's|its) (?:air )?defen[cs]es?\b",
            ("bolster", "strengthen", "reinforce"),
        ),
        r"\bweapons?\b",
        r"\barms\b",
        r"\bammunition\b",
        r"\bmissiles?\b(?![- ](?:attacks?|strikes?|raids?|barrages?))",
        r"\bair defen[cs]e systems?\b",
        r"\bweapon stocks\b",
        r"\bdrones?\b(?![- ](?:attacks?|strikes?|raids?|incursions?|sightings?|swarms? over))",  # not Russia's "drone attacks"
        r"\bartillery\b",
        r"\btanks\b",
        r"\barmou?red vehicles\b",
    ),
    Kind.FUNDING: Cue(
        r"\bfunding\b",
        r"\bfund(?:s|ed)?\b",
        r"\bcash\b",
        r"\bfinanc\w+\b(?<!Financial)(?! Times\b)",
        r"\bloans?\b",
        # an amount of money: "$2 billion", "A$100 million", "€500m", "1 billion kroner"
        (
            r"(?:[$€£]|\b(?:us|a|c|nz)\$)\s?\d[\d.,]*\s?(?:bn|billion|million|mn|m)\b"
            r"|\b\d[\d.,]*\s?(?:billion|million|bn) (?:euros?|dollars|pounds|kroner|kronor|krona|francs|yen)\b",
            ("$", "€", "£", "billion", "million", "bn"),
        ),
    ),
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
        (
            r"\b(?:verif(?:y|ies|ied|ying|ication)|police|policing|supervis\w+) (?:of )?(?:the |an? |any )?"
            r"(?:future |eventual |possible )?(?:ceasefire|truce)\b",
            ("verif", "polic", "supervis"),
        ),
        (r"\b(?:monitoring|verification) mechanism\b", ("mechanism",)),
        (
            r"\bobserv(?:e|es|ed|ing|ers?|ation) (?:of )?(?:the |an? |any )?(?:future |eventual |possible )?(?:ceasefire|truce)\b",
            ("observ",),
        ),
        (
            r"\b(?:ceasefire|truce) (?:observers?|observation|verification|monitors?)\b",
            ("observ", "verification", "monitor"),
        ),
        # the people who do it: "monitors for the ceasefire", "observers to the truce"
        (
            r"\b(?:monitors|observers|verifiers|inspectors) (?:for|of|to) (?:the |a |an |any )?"
            r"(?:future |eventual |possible )?(?:ceasefire|truce)\b",
            ("monitors", "observers", "verifiers", "inspectors"),
        ),
    ),
    Kind.HEADQUARTERS: Cue(r"\bheadquarters\b", r"\bcoordination cell\b", r"\bcommand cent(?:re|er)\b"),
    Kind.TRAINING: Cue(
        r"\btrain(?:ing)? (?:ukrainian|troops|soldiers|forces|pilots)\b",
        r"\btraining\b",
        r"\btrainers\b",
        # "train 5,000 Ukrainian recruits", "trained thousands of Ukrainian soldiers"
        (
            r"\btrain(?:s|ed|ing)? (?:up to |some |about |around |more than |over |another |a further )?"
            r"(?:[\d,.]+|thousands|hundreds|\w+ thousand)(?: of)? (?:more )?(?:ukrainian|troops|soldiers|recruits|personnel|pilots)\b",
            ("train",),
        ),
    ),
}

# When one of these is found, the more general kinds listed are not also reported.
KIND_SUPERSEDES: dict[Kind, tuple[Kind, ...]] = {
    Kind.FORCES_OUTSIDE_UKRAINE: (Kind.TROOPS_IN_UKRAINE,),
    Kind.CEASEFIRE_MONITORING: (Kind.TROOPS_IN_UKRAINE,),
}

KIND_LITERALS = LiteralIndex(list(KIND_CUES.items()))

# Kinds whose cue can name a place rather than a contribution ("talks held at the UK headquarters").
LOCATION_USE = {Kind.HEADQUARTERS: re.compile(r"\b(?:at|from|in|of) (?:the )?(?:[\w']+ ){0,4}$", re.IGNORECASE)}

# --- how firmly ----------------------------------------------------------------------------------
# What a country offers, negated ("would not tighten sanctions"): declined, not the "would" of a commitment.
_OFFERS = r"offer|share|supply|tighten|impose|back(?! down)|help|host|train|fund|finance|lead|guarantee"

# Checked strongest-signal first: the first stance whose cue appears in the clause wins.
STANCE_CUES: list[tuple[Stance, Cue]] = [
    (
        Stance.OPPOSED,
        Cue(
            r"\brejected? (?:the |any )?(?:presence|deployment|idea)\b",
            # a refusal of what others would send: "rejected any deployment of Western troops"
            (
                r"\b(?:reject\w*|dismiss\w*|oppos\w*|(?:never|not) accept\w*|against) (?:\w+ ){0,4}"
                r"(?:western|european|foreign|nato|allied|international|british|french) "
                r"(?:troops|soldiers|forces|peacekeepers|contingents?)\b",
                ("reject", "dismiss", "oppos", "accept", "against"),
            ),
            r"\bruled? out accepting\b",
            r"\bunacceptable\b",
            r"\boppose[sd]?\b",
            # not a threat of sanctions ("warned that Russia would face harsher sanctions if…": conditional)
            (r"\bwarned (?:against|that)\b(?![^.;]{0,60}\bsanctions\b)", ("warned",)),
            r"\bcategorically rejected\b",
        ),
    ),
    (
        Stance.DECLINED,
        Cue(
            (
                r"\b(?:would|will|could|did|does|do) not (?!only\b|just\b|hesitate\b)(?:\w+ ){0,2}"
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
            r"\brefus(?:ed|es|ing|al|als) (?:to|of)\b",
            r"\brefused\b",
            (
                r"\b(?:un(?:willing|prepared)(?:ness)?|not (?:prepared|ready|willing)) to\b(?! (?:openly )?say)",
                ("unwilling", "unprepared", "not prepared", "not ready", "not willing"),
            ),
            r"\bno intention of\b",
            (
                r"\b(?:reject|dismiss)(?:s|ed|ing)? (?:the |any )?(?:idea|suggestion|prospect|calls?|sending|deploying|contributing)\b",
                ("reject", "dismiss"),
            ),
            r"\bexclud(?:ed|es)\b",
            r"\bdeclined to\b",
            (
                r"(?<!not )(?<!n't )\bru(?:led|les|ling) out (?:sending|contributing|deploying|any|the|a|its|their)\b",
                ("out ",),
            ),
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
            # halting acts, as verbs only ("did not have a veto" is no refusal)
            (r"\b(?:veto(?:es|ed|ing)|block(?:s|ed|ing))\b(?! by\b)", ("veto", "block")),
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
            (r",\s*provided\b(?! (?:by|to|for|with|in|at)\b)", ("provided",)),  # ", provided the US offers a backstop"
            # "provided Washington offers a backstop" (not "provided Ukraine with weapons": a verb follows the name)
            (
                r"\bprovided (?:that )?(?=(?:the )?(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+)? "
                r"(?:offers?|provides?|agrees?|gives?|backs?|supports?|accepts?|guarantees?|is|are|does|do)\b)",
                ("provided",),
            ),
            r"\bon (?:the )?condition\b",
            r"\bconditional on\b",
            r"\bas long as\b",
            r"\bunless\b",
            r"\bwould (?:still )?require\b",
            (  # not "if a ceasefire is agreed": the shared premise
                r"\bif\b(?! (?:a |an |the |any )?(?:\w+ )?(?:ceasefire|truce|peace|deal|agreement|settlement))"
                r"[^,.;]{0,60}\b(?:provide[sd]?|guarantee[sd]?|agree[sd]?|back(?:s|ed)?|commit(?:s|ted)?)\b",
                ("provide", "guarantee", "agree", "back", "commit"),
            ),
            (r"\bprovided (?:that )?(?:\w+ ){0,3}(?:approves?|agrees?|consents?|backs?|votes?)\b", ("provided",)),
            # a threat is a measure tied to what the other side does: "threatening Putin with new sanctions"
            (r"\bthreat(?:en|ens|ened|ening)\b(?: \S+){0,4} with\b", ("threat",)),
            (r"\b(?:would|will) face (?:\w+ ){0,2}sanctions\b", ("face",)),
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
            (r"\b(?:will|would|to) decide\b", ("decide",)),
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
            # ANNOTATION.md, "Aims and work": the coalition's aim is to provide X is willing
            (r"\b(?:aim|goal|objective|purpose) (?:is|was|would be) to\b", ("aim", "goal", "objective", "purpose")),
            r"\bopen to\b",
            r"\bprepared to\b",
            r"\bcould (?:contribute|send|offer|deploy|focus on|help|provide|support|take part|participate)\b",
            # the same hedge with "may" and "might" ("Spain may send troops"), not "may not"
            (
                r"\b(?:may|might) (?:also |still )?(?:contribute|send|offer|deploy|help|provide|supply|take part|participate|join)\b",
                ("may", "might"),
            ),
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
            # done, as fact: "sent 100 soldiers", "has delivered air defence systems" (not "troops are sent")
            (
                r"(?<!\bare )(?<!\bis )(?<!\bbe )(?<!\bbeen )(?<!\bwere )(?<!\bwas )\b(?:sent|delivered|delivers)\b",
                ("sent", "deliver"),
            ),
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
