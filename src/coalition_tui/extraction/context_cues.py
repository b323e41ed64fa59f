"""The extraction lexicon, as data: attendance, the words that steer who acts, and clause boundaries.

Patterns for :class:`~coalition_tui.extraction.patterns.Cue` or plain regular expressions, matched on
cleaned text. What is contributed and how firmly is in ``cues.py``.
"""

from __future__ import annotations

import re

from coalition_tui.extraction.cues import KIND_LITERALS
from coalition_tui.extraction.patterns import Cue

# --- attendance ----------------------------------------------------------------------------------
_MEETING = (
    r"(?:meeting|summit|talks|call|conference|gathering|session|hook-up|videoconference|discussions?|get-together)"
)
PRESS_AFTER_MEETING = (
    r"\b(?:(?:press|news) conference|told reporters) (?:after|following|at the end of|on the sidelines of) "
    r"(?:the |a |an |their |this )?(?:[\w'’-]+ ){0,3}MEET\b"
    # "During the meeting, Von der Leyen said": who speaks during it was at it
    r"|\bduring the (?:[\w'’-]+ ){0,2}MEET\b(?=,?[^.;]{0,60}\b(?:said|says|told|stressed|added|noted)\b)"
).replace("MEET", _MEETING)
PARTICIPATION_CUES = Cue(
    # "participate in" a meeting, not "in the deployment" or "in negotiations"
    (r"\bparticipat(?:ed|es|ing|e)\b(?! in\b(?!(?: \S+){0,6} MEET\b))".replace("MEET", _MEETING), ("participat",)),
    # speaking at the meeting, or addressing it (in person or by video): "spoke at the coalition talks"
    (
        r"\b(?:spoke|speaks|speaking|addressed|addresses|addressing)(?: \w+ly)? (?:at |to )?"
        r"(?!(?:a |the )?(?:press|news) )"  # a press conference after the meeting: PRESS_AFTER_MEETING
        r"(?:the |a |this |their |[\w]+['’]s )(?:[\w'’-]+ ){0,6}MEET\b".replace("MEET", _MEETING),
        ("spoke", "speak", "address"),
    ),
    r"\battend(?:ed|s|ing|ees?)?(?: by)?\b",
    # "joined the call", "joined via video", "also joined." — not "join security guarantees"
    (
        r"\bjoin(?:ed|s|ing)?(?: by\b| (?=via\b|in person\b|virtually\b|remotely\b|online\b)|(?=\s*(?:[.,;]|$))|(?= (?:\S+ ){0,5}MEET\b))".replace(
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
    (r"\b(?:were|was) (?:all )?here\b", ("here",)),  # "all countries except the US were here"
    (r"\bby video(?: ?(?:link|conference|call))?\b", ("by video",)),
    (r"\bvia video(?: ?(?:link|conference|call))?\b", ("via video",)),
    (r"\bvideo ?call\b", ("video",)),
    r"\btook part\b",
    r"\btaking part\b",
    (r"\b(?:has|have|had) (?:also |now )?taken part\b", ("taken part",)),
    (r"\bparticipation (?:of|by|from)\b", ("participation",)),
    r"\binclusion of\b",  # "Macron highlighted the inclusion of Canada, Australia and Japan"  # "welcome the participation of US representatives"
    (r"\bamong (?:those|the (?:leaders|participants|attendees)) (?:present|attending)\b", ("among",)),
    (
        r"\b(?:set|expected|due|scheduled|slated) to (?:include|attend|join|take part|meet|host|chair)\b",
        ("to include", "to attend", "to join", "to take part", "to meet", "to host", "to chair"),
    ),
    r"\bmet\b",
    (r"\b(?:held|hold|holds|holding) (?:\w+ )?talks with\b", ("talks with",)),
    r"\bchaired\b",
    (r"\bco-?chair(?:ed|s|ing)?\b", ("chair",)),
    r"\btook place\b",
    (r"\bbr(?:ing|ings|inging|ought) together\b", ("together",)),
    # a meeting led by someone was chaired by them; "the coalition, led by France and the UK" is no attendance
    (r"\b" + _MEETING + r",? (?:\w+ )?led by\b", ("led by",)),
    r"\bis in \w+ with\b",
    r"\bmet with\b",
    r"\bmeeting (?:his|her|their)\b",
    r"\balongside\b",
    r"\bconvened by\b",
    # membership (ANNOTATION.md): "has been part of the coalition", "has joined the coalition"
    (
        r"\b(?:is|are|was|were|been|be) (?:also |already |now )?(?:a )?(?:part|members?) of (?:the )?"
        r"(?:[\w'’“”\"-]+ ){0,3}[\"“‘']?coalition\b",
        ("part of", "member of", "members of"),
    ),
    (r"\bjoin(?:ed|s)? the (?:[\w'’“”\"-]+ ){0,3}[\"“‘']?coalition\b(?!['’]s)", ("join",)),
    # signing the meeting's text ("signed a declaration of intent"), not a bilateral deal
    r"\bsigned\b(?= (?:[\w'’-]+ ){0,5}(?:declaration|statement|communiqu|document|letter|text|joint))",
    r"\bgathered\b",
    # a trip to the meeting: "flew to Paris for the coalition summit" (not a trip alone: "travelled to Kyiv")
    (
        r"\b(?:travel(?:l)?(?:ed|ing|s)?|fl(?:ew|ies|ying)|came|comes|arrived|arrives|went|headed|heads)\b"
        r"(?: \w+){0,2} (?:to|in) (?:[\w'’-]+ ){1,3}for (?!(?:[\w-]+ ){0,2}(?:one-to-one|one-on-one|bilateral|private|separate|side)\b)"
        r"(?:the |a |this |their |an )?(?:[\w'’-]+ ){0,5}MEET\b".replace("MEET", _MEETING),
        ("travel", "flew", "flies", "flying", "came", "comes", "arrive", "went", "head"),
    ),
    # a delegate: "sent its defence minister to the coalition meeting"
    (
        r"\bsen(?:t|ds|ding) (?:its|his|her|their|a|an) (?:[\w-]+ ){0,3}(?:ministers?|envoys?|representatives?|"
        r"delegations?|ambassadors?|advis[eo]rs?|officials?|secretar(?:y|ies))\b to (?:the |a |this |their )?"
        r"(?:[\w'’-]+ ){0,5}MEET\b".replace("MEET", _MEETING),
        ("sent", "sends", "sending"),
    ),
    # a speaker placed at the meeting: "said Thursday at the opening of the Paris meeting", "in his opening remarks"
    (
        r"\b(?:said|says|told|spoke|speaking|stressed|added|noted)\b(?: \w+){0,2} at the (?:opening|start|close|end) of "
        r"(?:the |a |this )?(?:[\w'’-]+ ){0,3}MEET\b".replace("MEET", _MEETING),
        ("opening", "start", "close", "end"),
    ),
    (r"\bin (?:his|her|their) opening (?:remarks|address|speech|statement)\b", ("opening",)),
    # one who left the meeting was at it: "the first leader to leave the Paris meeting"
    (r"\b(?:leave|leaves|left|leaving) the (?:[\w'’-]+ ){0,2}MEET\b".replace("MEET", _MEETING), ("leave", "left")),
    # the meeting's own press conference (ANNOTATION.md): "speaking at a press conference after the summit"
    (PRESS_AFTER_MEETING, ("press conference", "news conference", "told reporters", "during the")),
    (
        r"\b(?:group|meeting|coalition|summit|talks|leaders|nations|countries|participants|attendees|others|"
        r"videoconference|video call|call|conference|gathering) (?:that |which )?(?:also )?includ(?:es|ed)\b",
        ("includ",),
    ),
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
# In a roll-call, a name after one of these was not there: "every member except the United States".
EXCLUDED_BEFORE = re.compile(
    r"\b(?:except(?: for)?|excluding|but not|apart from|save for|with the exception of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The same, between two names of a roll-call: "Spain and Japan, but not the United States".
# A role noun may come between ("NATO's secretary general - but not the United States").
EXCLUDED_BETWEEN = re.compile(
    r"^(?:\s+[a-z][\w-]*){0,2}\s*[,–—-]?\s*(?:(?:and|but) )?(?:except(?: for)?|excluding|not|apart from|save for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# After a possessive name, an office makes the name a participant: "NATO's secretary general", "Italy's
# prime minister" in a roll-call.
OFFICE_AFTER_OWNER = re.compile(
    r"\s+(?:(?:interim|acting|deputy|vice|prime|foreign|defen[cs]e|finance)\s+)*"
    r"(?:minister|president|chancellor|premier|secretary[- ]general|chief|head)\b",
    re.IGNORECASE,
)
# Between a participation cue and the names it introduces: auxiliaries, role nouns and titles
# ("attended by representatives of", "Among the attendees were UK Prime Minister", "hosted by the").
ROLL_CALL_FILLER = re.compile(
    r"^[\s,:()]*(?:(?:were|was|are|is|be|by|the|a|an|of|from|with|including|like|likes|such as|as well as|and|also|"
    r"among them|among others|in person|remotely|virtually|representatives?|leaders?|heads?(?: of (?:state|government))?|"
    r"chiefs?(?: of (?:general )?staffs?)?|officials?|ministers?|delegations?|counterparts?|envoys?|ambassadors?|"
    r"prime|minister|president|vice|chancellor|premier|secretary|general|defen[cs]e|foreign|interim|deputy|"
    r"\d+|some|several|other|countries|nations|states|allies|partners|members|"
    # a group named before the names: "leaders from Europe's largest countries as well as", "mainly allies, but also"
    r"european|[\w-]+['’]s|western|largest|biggest|major|key|mainly|mostly|chiefly|but|nordic|baltic)\b[\s,:()]*)*$",
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
    r"(?:summit|meeting|talks|get-together|gathering|call|conference)\b"
    r"|\bon the eve of\b",  # "Merz met Meloni on the eve of the inaugural mass": a meeting of its own
    re.IGNORECASE,
)
# Another meeting altogether (ANNOTATION.md: attending another summit is no participation): one at the
# White House, in Washington or Alaska, of the European Council or the European Political Community.
OTHER_MEETING = re.compile(
    r"\b(?:at|in|to) the White House\b|\b(?:in|to) (?:Washington|Alaska|Anchorage)\b(?!['’]s)"
    r"|\bEuropean (?:Council|Political Community) (?:meeting|summit)\b|\bsummit of the European (?:Council|Political Community)\b"
)
COALITION_NAMED = re.compile(r"\bcoalition\b", re.IGNORECASE)
_WHEN_BEFORE = re.compile(r"\b(?:after|since|before|ahead of|following)\b[^,;]{0,40}$", re.IGNORECASE)
OTHER_MEETING_REACH = 80  # characters either side of the attendance cue


def other_meeting(text: str, start: int, end: int) -> bool:
    """Whether the attendance cue at ``start:end`` is about another meeting: one named within reach of
    it, not as a time ("right after last week's European Council summit"), in a sentence that does not
    name the coalition."""
    if COALITION_NAMED.search(text):
        return False
    low = max(0, start - OTHER_MEETING_REACH)
    for match in OTHER_MEETING.finditer(text, low, end + OTHER_MEETING_REACH):
        # a time between the cue and the other meeting dates the cue's meeting by it; a time before the
        # cue ("The call came after Trump hosted Putin in Alaska") puts the cue itself in the other one
        if match.start() < end or not _WHEN_BEFORE.search(text, end, match.start()):
            return True
    return False


LIST_HEADER_CUES = Cue(r"\binclude\w*\b", r"\battend\w*\b", r"\bparticipants?\b", r"\bleaders\b", r"\bpresent\b")

# --- who acts ------------------------------------------------------------------------------------
# A name right after one of these is what something is done to or where, not who does it.
NON_ACTOR_PREPOSITIONS = frozenset(
    "to in into for on onto against of across inside about over towards toward at near under upon than "
    "between within via behind unlike".split()
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
# Verbs that attribute a quotation to its speaker: '"...," Starmer told reporters.'
SPEAKER_VERBS = re.compile(r"^\W*(?:said|says|told|wrote|added|stated|confirmed|insisted|announced)\b", re.IGNORECASE)
# Where a subject starts: the sentence's start, after a clause's punctuation, or after a conjunction.
_SUBJECT_START = r"(?:^|[,;:]\s+|\b(?:and|but|that)\s+)"
# An office named alone that stands for its holder ("the PM", "the Taoiseach").
_LEADER = r"PM|prime minister|president|chancellor|premier|taoiseach"
# A pronoun that speaks or acts for the last person named before ("'We will handle logistics,' he said",
# "He hosted talks in London"): bound to that person (extract.py looks back a few sentences).
PRONOUN_SPEAKER = re.compile(
    rf"[\"”,]\s*(?:(?:he|she)|(?-i:[Tt])he (?P<role>{_LEADER})) "
    r"(?:said|says|told|added|stated|stressed|insisted|noted|wrote|posted|tweeted)\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(_SUBJECT_START + r"(?:he|she)\s+(?!said|says|told\b)", re.IGNORECASE)
# "He said his country would send troops": the country of the person "his" stands for; "our country" in a
# quotation is the speaker's.
HIS_COUNTRY = re.compile(r"\b(?:his|her) (?:own )?(?:country|government|nation|administration)\b", re.IGNORECASE)
OUR_COUNTRY = re.compile(r"\bour (?:own )?(?:country|government|nation)\b", re.IGNORECASE)
# "It will ...", "Its aim is to ...": the country, organization or coalition named last before.
IT_SUBJECT = re.compile(
    r"(?:^|[;:]\s+|\b(?:and|but)\s+)(?-i:I)ts?\b(?!\s+(?:is|was) (?:\w+ )?(?:important|necessary|clear|unclear|too|time|not)\b)"
)
# Someone named by office alone, as a subject: "The Prime Minister, who took part", "the PM told reporters".
ROLE_SUBJECT = re.compile(
    _SUBJECT_START.replace("that", "that|as")
    + rf"[\"“]?(?-i:[Tt])he (?P<role>{_LEADER}|(?:foreign |defen[cs]e )?minister|(?:foreign |defen[cs]e )?secretary)"
    r"\b(?!['’]s|\s+of\b)",
    re.IGNORECASE,
)
# The office an office word names, as gazetteer titles spell it.
OFFICE_TITLES = {"pm": "prime minister", "premier": "prime minister", "taoiseach": "taoiseach"}
# In a quotation, the speaker's own "I" or "we" as the subject ("'Overnight, I joined a meeting,' he said").
FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|[Ww]e)\s+(?!said\b)")
# After "did not join A and B": they were at the meeting ("she did not join Merz and Macron at a meeting").
JOINED_AT = re.compile(r"[^.;]{0,160}?\bat (?:a|the|their|this) (?:[\w'’-]+ ){0,2}MEET\b".replace("MEET", _MEETING))
# A sentence that names the members the sentence before spoke of: "These include Poland and Italy."
THESE_ARE = re.compile(
    r"^(?:These|They|Those|The (?:countries|nations|states) concerned) (?:include|included|are|were)\b"
)
# A noun that stands for the contribution the sentence before named: "Poland ruled out such a step",
# "Rome rejected this possibility" (the kind is the previous sentence's; the stance is this one's).
KIND_ANAPHOR = re.compile(
    r"\b(?:such an?|this|these|those)\s+(?:\w+\s+)?"
    r"(?:decisions?|possibility|option|idea|move|step|proposals?|deployments?|missions?|prospect|scenario|offer)\b"
    r"(?!\s+(?:of|to|for)\b)",
    re.IGNORECASE,
)
# A sentence that only ties what the sentence before offered to a domestic procedure (ANNOTATION.md: a
# condition): "Parliament would have to approve any deployment.", "The Bundestag must approve it."
PROCEDURE_AFTER = re.compile(
    r"^(?:But |However, )?(?:(?:the )?(?:parliament|bundestag|riksdag|folketing|storting|sejm|eduskunta|congress|"
    r"house of commons|national assembly|lawmakers|legislators|mps)\b[^.;]{0,30}?\b(?:must|would|will|has to|have to|"
    r"needs? to|would need to|would have to|will have to)\s+(?:first\s+)?(?:approve|vote|consent|sign off|decide)"
    r"|any (?:such )?(?:deployment|decision|contribution|mission|move)\b[^.;]{0,30}?\b(?:requires?|needs?|would "
    r"(?:require|need)|will (?:require|need)|is subject to|would be subject to|must be approved)\b)",
    re.IGNORECASE,
)
# The clause after an offer that names another's act as its condition: "..., but Washington must provide
# air cover", "but the United States would have to back it" (ANNOTATION.md: an own offer tied to another's
# act is conditional).
OTHERS_MUST = re.compile(
    r"^[\s,]*(?:but|although|though|yet)\s+(?:the\s+)?(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}\s+"
    r"(?:must|has to|have to|needs? to|would (?:have|need) to|will (?:have|need) to|should first)\b",
    re.IGNORECASE,
)
# A relative clause: its names describe the noun before it ("the US, which has provided ...").
RELATIVE = re.compile(r"[\"')\]]*,\s+(?:which|who|whose)\b", re.IGNORECASE)
# Before "of": an office whose holders speak for the countries after it ("The prime ministers of Belgium
# and Luxembourg said", "the leaders of France and Britain will").
OFFICE_OF = re.compile(
    r"\b(?:leaders?|(?:prime |foreign |defen[cs]e )?ministers?|presidents?|governments?|"
    r"heads? of (?:state|government)|chancellors?|premiers?)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Between a subject and its verb, these mean the verb has another subject ("what a force would").
SUBORDINATOR = re.compile(r"\b(?:what|whether|which|how|why|because|although)\b", re.IGNORECASE)
QUESTION_WORDS = frozenset({"whether", "if", "unless", "why", "how"})
# Coordination between the members of one subject ("Britain and France", "Macron, Starmer and Zelenskyy").
COORDINATION = re.compile(
    r"^\s*(?:,|and|, and|as well as|&|nor)?\s*(?:the\s+)?$"
    # a name nobody knows inside a list does not end it: "Luxembourg, the Republic of Kosovo, Montenegro"
    r"|^\s*,\s*(?:the\s+)?(?-i:[A-Z][\w'’.-]*(?:\s+(?:of\s+|and\s+)?(?:the\s+)?[A-Z][\w'’.-]*){0,3})\s*,\s*(?:and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# Between two names of a list, an owner and a title before the next person: ", Denmark's Prime Minister
# Mette Frederiksen and the Netherlands' Dick Schoof".
OWNER_GAP = re.compile(
    r"^\s*(?:,|and|, and)?\s*(?:the\s+)?(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})['’]s?\s+"
    r"(?:(?:prime|foreign|defen[cs]e|deputy)\s+)?(?:minister|president|chancellor|premier|leader|secretary(?: general)?|(?-i:PM))?\s*$",
    re.IGNORECASE,
)
# Forces named by their owner: "French and British forces", "troops from France and the UK".
FORCE_NOUN = re.compile(r"^\s*(?:and \w+ )?(?:forces|troops|soldiers|peacekeepers|military)\b", re.IGNORECASE)
# "Turkish Foreign Minister Hakan Fidan said", "Dutch officials said": the demonym names who speaks
TITLE_AFTER_DEMONYM = re.compile(
    r"^\s*(?:(?:foreign|defen[cs]e|prime|deputy|interim|vice|government|senior|military|armed forces)\s+)*"
    r"(?:minister|president|chancellor|premier|leader|officials?|spokes(?:wo)?man|spokesperson|envoy|ambassador|"
    r"government|diplomats?|chief|commander|secretary|(?-i:PM))\b",
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
    # the speaker speaks for the coalition (ANNOTATION.md): "As a coalition of the willing, we are ready"
    (r"(?<=\bas )an? coalition(?: of the willing)?\b", ("a coalition",)),
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
    # unnamed groups of members ("several countries will not send troops"): one coalition record per stance
    (
        r"\b(?:several|some|many|a few|a number of|a small group of) (?:other |european )?(?:countries|nations|members|allies)\b",
        ("countries", "nations", "members", "allies"),
    ),
    # what the meeting itself adopted speaks for the coalition: "The statement commits the coalition to..."
    (
        r"\bthe (?:\w+ )?(?:joint |final )?(?:statement|declaration|communiqu[eé]|draft agreement)\b",
        ("statement", "declaration", "communiqu", "draft agreement"),
    ),
    (r"\bthe (?:participants|leaders|partners|members)\b(?! of\b)", ("participants", "leaders", "partners", "members")),
    (r"\b(?:world|allied|participating) leaders\b", ("leaders",)),
    # "Macron said the countries committed to...": the members, not the speaker ("the two countries" is a pair)
    (r"\bthe (?:countries|nations)\b(?! of\b)", ("countries", "nations")),
    r"\bthe allies\b",
    (r"(?<=ukraine's )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),  # after the possessive name
    (r"(?<=ukraine’s )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),
    (r"(?<=kyiv's )(?:allies|partners|backers)\b", ("allies", "partners", "backers")),
    r"\bpartner (?:countries|nations)\b",
    r"\bparticipating (?:countries|nations|states)\b",
)
GROUP_ENTITY = "coalition-of-the-willing"
# The two sides the coalition's commitments are about, not contributors to them: Russia (and Belarus) only
# ever oppose what others send; Ukraine receives it, and its own records are attending, hosting a
# coordination cell and sanctions (ANNOTATION.md's kinds are contributions to Ukraine's security).
# A legislator's title: their view is no government position (ANNOTATION.md, "Legislators").
LEGISLATOR = re.compile(
    r"\b(?:(?:the )?opposition leader|(?:republican |democratic )?(?:sen\.|senators?|rep\.|congress(?:wo)?man)|"
    r"mps?|member of parliament|lawmakers?|legislators?|parliamentarians?)\b",
    re.IGNORECASE,
)
# Names after "led by" lead something; they attend only when a meeting was led by them (a cue of its own).
LED_BY_BEFORE = re.compile(
    r"\b(?:led|headed|spearheaded|co-led) by\s+(?:(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?\s*(?:,|and)\s+){0,4}(?:the\s+)?$",
    re.IGNORECASE,
)
ADVERSARIES = frozenset({"RUS", "BLR"})
RECIPIENT = "UKR"
RECIPIENT_KINDS = frozenset({"participation", "headquarters", "sanctions"})
# An owner before an official who speaks for it: "Romania's interim president Ilie Bolojan", "Latvia's defence
# minister Andris Sprūds", "Poland's prime minister ruled out": the country acts through them, so the
# possessive may be the subject (an office alone only before a word that is no preposition).
OFFICIAL_AFTER_OWNER = re.compile(
    r"(?:['’]s?)?\s+(?:(?:interim|acting|deputy|vice|prime|foreign|defen[cs]e|finance|armed forces)\s+)*"
    r"(?:minister|president|chancellor|premier|secretary|envoy|ambassador|chief of staff|commander|spokes(?:wo)?man|"
    r"spokesperson|government|cabinet)(?: of [A-Z]\w+)?(?:\s+(?-i:[A-Z][\w'’-]+)|(?=\s+(?-i:[a-z]+\b)(?<!\bin)(?<!\bof)(?<!\bto)(?<!\bfor)(?<!\bat)(?<!\bon))|(?=\s*,))",
    re.IGNORECASE,
)
# Clause boundaries inside a sentence.
CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:while|whereas|but|as|where)\s+(?!not\b|only\b|except|excluding)|\s+but\s+(?!not\b|only\b|except|excluding)|,\s+and\s+(?=[A-Z]|he |she |they |it )"
    r"|,\s+(?:adding|saying|noting|stressing)(?: that)?\s+|,\s+(?=(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:will|would|has|have|pledged|plans?|intends?|offered)\b)"
    r"|\s+and\s+(?=(?:would|will|could|has|have|had|is|was|said)\b)"
)
# A leading subordinate clause ("While intelligence sharing remains vital, ...") ends at its first comma.
LEADING_SUBORDINATE = re.compile(r"^(?:While|Although|Though|Whereas|Despite|As|If|When|Once)\b[^,]*,\s*")


# The literals that decide whether a sentence is looked at (``literals_by_span`` finds them at once).
SENTENCE_LITERALS = tuple(
    dict.fromkeys(KIND_LITERALS.literals + (PARTICIPATION_CUES.literals or ()) + (ABSENCE_CUES.literals or ()))
)

# After a possessive name, a noun of position makes the name the actor: "Italy's refusal to send",
# "Poland's continued offer of", "Germany's pledge".
STANCE_NOUN = re.compile(
    r"\s+(?:\w+\s+)?(?:refusal|rejection|offer|pledge|commitment|readiness|willingness|opposition|"
    r"reluctance|unwillingness|promise|decision|plan|intention|contribution)s?\b",
    re.IGNORECASE,
)
