/**
 * Verbs that introduce speech or writing, every inflected form listed (lowercase). Data only.
 * `strong` verbs are reporting verbs in their usual sense ("said"); the others report speech in
 * news but also have other senses, so they only count next to a quotation or a clear subject.
 * "branded", "termed", "cited", "referenced" and "typed" are listed by their past form only: their
 * other forms are mostly nouns.
 */

import { wordSet } from './word-set.ts';

const STRONG = `
say says said saying
tell tells told telling
add adds added adding
write writes wrote written writing
ask asks asked asking
reply replies replied replying
respond responds responded responding
explain explains explained explaining
declare declares declared declaring
state states stated stating
announce announces announced announcing
insist insists insisted insisting
argue argues argued arguing
claim claims claimed claiming
contend contends contended contending
maintain maintains maintained maintaining
note notes noted noting
observe observes observed observing
remark remarks remarked remarking
comment comments commented commenting
continue continues continued continuing
conclude concludes concluded concluding
recall recalls recalled recalling
acknowledge acknowledges acknowledged acknowledging
admit admits admitted admitting
concede concedes conceded conceding
confirm confirms confirmed confirming
deny denies denied denying
assert asserts asserted asserting
warn warns warned warning
predict predicts predicted predicting
promise promises promised promising
vow vows vowed vowing
pledge pledges pledged pledging
suggest suggests suggested suggesting
report reports reported reporting
recount recounts recounted recounting
reiterate reiterates reiterated reiterating
repeat repeats repeated repeating
emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising
stress stresses stressed stressing
complain complains complained complaining
joke jokes joked joking
quip quips quipped quipping
shout shouts shouted shouting
yell yells yelled yelling
scream screams screamed screaming
cry cries cried crying
exclaim exclaims exclaimed exclaiming
whisper whispers whispered whispering
mutter mutters muttered muttering
tweet tweets tweeted tweeting
post posts posted posting
testify testifies testified testifying
charge charges charged charging
allege alleges alleged alleging
accuse accuses accused accusing
blast blasts blasted blasting
slam slams slammed slamming
mock mocks mocked mocking
praise praises praised praising
urge urges urged urging
demand demands demanded demanding
describe describes described describing
call calls called calling
dub dubs dubbed dubbing
label labels labeled labelled labeling labelling
characterize characterizes characterized characterizing
boast boasts boasted boasting
brag brags bragged bragging
point points pointed pointing
caution cautions cautioned cautioning
counter counters countered countering
retort retorts retorted retorting
reason reasons reasoned reasoning
speculate speculates speculated speculating
estimate estimates estimated estimating
predict predicts predicted predicting
reveal reveals revealed revealing
disclose discloses disclosed disclosing
indicate indicates indicated indicating
signal signals signaled signalled signaling
hint hints hinted hinting
proclaim proclaims proclaimed proclaiming
lament laments lamented lamenting
mourn mourns mourned mourning
sigh sighs sighed sighing
muse muses mused musing
wonder wonders wondered wondering
chide chides chided chiding
scoff scoffs scoffed scoffing
snap snaps snapped snapping
fume fumes fumed fuming
rail rails railed railing
tout touts touted touting
assure assures assured assuring
reassure reassures reassured reassuring
inform informs informed informing
recommend recommends recommended recommending
advise advises advised advising
propose proposes proposed proposing
agree agrees agreed agreeing
disagree disagrees disagreed disagreeing
believe believes believed believing
think thinks thought thinking
feel feels felt feeling
hope hopes hoped hoping
fear fears feared fearing
expect expects expected expecting
worry worries worried worrying
know knows knew known knowing
figure figures figured figuring
guess guesses guessed guessing
show shows showed shown showing
find finds found finding
conclude concludes concluded concluding
bark barks barked barking
boom booms boomed booming
thunder thunders thundered thundering
roar roars roared roaring
bellow bellows bellowed bellowing
holler hollers hollered hollering
shriek shrieks shrieked shrieking
growl growls growled growling
snarl snarls snarled snarling
hiss hisses hissed hissing
chant chants chanted chanting
sing sings sang sung singing
preach preaches preached preaching
tease teases teased teasing
taunt taunts taunted taunting
deadpan deadpans deadpanned deadpanning
interject interjects interjected interjecting
chime chimes chimed chiming
plead pleads pleaded pled pleading
beg begs begged begging
implore implores implored imploring
confide confides confided confiding
confess confesses confessed confessing
reminisce reminisces reminisced reminiscing
marvel marvels marveled marvelled marveling marvelling
gush gushes gushed gushing
rave raves raved raving
rant rants ranted ranting
grumble grumbles grumbled grumbling
groan groans groaned groaning
gripe gripes griped griping
grouse grouses groused grousing
fret frets fretted fretting
opine opines opined opining
answer answers answered answering
rebut rebuts rebutted rebutting
inquire inquires inquired inquiring enquire enquires enquired enquiring
query queries queried querying
scold scolds scolded scolding
rebuke rebukes rebuked rebuking
admonish admonishes admonished admonishing
sneer sneers sneered sneering
laugh laughs laughed laughing
chuckle chuckles chuckled chuckling
exult exults exulted exulting
murmur murmurs murmured murmuring
stammer stammers stammered stammering
sob sobs sobbed sobbing
wail wails wailed wailing
recite recites recited reciting
summarize summarizes summarized summarizing summarise summarises summarised summarising
read reads reading
branded
termed
cited
referenced
typed
`;

/** Forms that need care: "told" needs an object, "according" needs "to". */
const PHRASES = ['according to', 'in the words of', 'quoted as saying', 'was quoted as saying'];

/** Every inflected speech-verb form. */
export const SPEECH_VERBS: ReadonlySet<string> = wordSet(STRONG);

/**
 * Core reporting verbs: cue a reported (indirect) clause on their own. The others in
 * SPEECH_VERBS are accepted only next to a quotation.
 */
export const REPORTING_VERBS: ReadonlySet<string> = wordSet(`
say says said
tell tells told
add adds added
write writes wrote
explain explains explained
declare declares declared
state states stated
announce announces announced
insist insists insisted
argue argues argued
claim claims claimed
contend contends contended
maintain maintains maintained
note notes noted
acknowledge acknowledges acknowledged
admit admits admitted
concede concedes conceded
confirm confirms confirmed
deny denies denied
assert asserts asserted
warn warns warned
predict predicts predicted
promise promises promised
vow vows vowed
pledge pledges pledged
suggest suggests suggested
report reports reported
reiterate reiterates reiterated
emphasize emphasizes emphasized emphasise emphasises emphasised
stress stresses stressed
complain complains complained
allege alleges alleged
testify testifies testified
reveal reveals revealed
disclose discloses disclosed
indicate indicates indicated
believe believes believed
think thinks thought
hope hopes hoped
fear fears feared
worry worries worried
recall recalls recalled
tweet tweets tweeted
boast boasts boasted
`);

/** Words that block a following noun phrase from being a speaker ("said on Tuesday"). */
export const SPEECH_PHRASES: readonly string[] = PHRASES;

/** Words a cue may carry before the verb ("also said", "later told"). */
export const CUE_ADVERBS: ReadonlySet<string> = wordSet(`
also later then again once previously earlier recently repeatedly further further
has have had was is were be been will would could might may can should must did does do not never
reportedly allegedly publicly privately frequently often simply just only still even now long already since first
`);

/** Time words often following a speech verb ("said Thursday that"). */
export const TIME_WORDS: ReadonlySet<string> = wordSet(`
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
morning afternoon evening night week weekend month year earlier later recently last this
on in at during late early after before
january february march april may june july august september october november december
`);

/**
 * Verbs of stance and communication that report what someone holds or conveys ("criticized",
 * "called for", "denied"): used for reported speech with a clear subject. Every form listed.
 */
export const STANCE_VERBS: ReadonlySet<string> = wordSet(`
criticize criticizes criticized criticise criticises criticised criticizing
praise praises praised praising
accuse accuses accused accusing
blame blames blamed blaming
defend defends defended defending
reject rejects rejected rejecting
support supports supported supporting
endorse endorses endorsed endorsing
oppose opposes opposed opposing
question questions questioned questioning
describe describes described describing
highlight highlights highlighted highlighting
tout touts touted touting
propose proposes proposed proposing
discuss discusses discussed discussing
mention mentions mentioned mentioning
cite cites cited citing
raise raises raised raising
address addresses addressed addressing
attack attacks attacked attacking
challenge challenges challenged challenging
dismiss dismisses dismissed dismissing
welcome welcomes welcomed welcoming
applaud applauds applauded applauding
condemn condemns condemned condemning
denounce denounces denounced denouncing
hail hails hailed hailing
consider considers considered considering
view views viewed viewing
see sees saw seeing
learn learns learned learnt learning
want wants wanted wanting
urge urges urged urging
demand demands demanded demanding
threaten threatens threatened threatening
plan plans planned planning
ask asks asked asking
call calls called calling
expect expects expected expecting
estimate estimates estimated estimating
find finds found finding
show shows showed showing
suggest suggests suggested suggesting
predict predicts predicted predicting
know knows knew knowing
understand understands understood understanding
agree agrees agreed agreeing
recommend recommends recommended recommending
acknowledge acknowledges acknowledged acknowledging
argue argues argued arguing
doubt doubts doubted doubting
dispute disputes disputed disputing
concede concedes conceded conceding
mock mocks mocked mocking
defending promoting questioning encouraging encourage encourages encouraged citing citing
promote promotes promoted promoting
realize realizes realized realise realises realised realizing
respond responds responded responding
reference references referenced referencing
seize seizes seized seizing
pledging vowing urging warning arguing insisting claiming suggesting calling praising criticizing
blaming accusing attacking rejecting dismissing denying demanding proposing predicting promising
wanting planning hoping expecting touting highlighting
lay lays laid laying
tweet tweets tweeted tweeting
detail details detailed detailing
investigate investigates investigated investigating
refuse refuses refused refusing
seek seeks sought seeking
offer offers offered offering
echo echoes echoed echoing
order orders ordered ordering
express expresses expressed expressing
back backs backed backing
push pushes pushed pushing
champion champions championed championing
embrace embraces embraced embracing
voice voices voiced voicing
reaffirm reaffirms reaffirmed reaffirming
outline outlines outlined outlining
unveil unveils unveiled unveiling
decline declines declined declining
talk talks talked talking
speak speaks spoke speaking
vote votes voted voting
endorsing supporting opposing
back backs backed backing
`);
