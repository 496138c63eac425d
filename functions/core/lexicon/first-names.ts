/**
 * Common English first names by the gender they usually carry, used only as weak evidence when
 * resolving "he" and "she". Data only; lowercase.
 */

export const MALE_FIRST_NAMES: ReadonlySet<string> = new Set(
  `james john robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
  jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
  gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
  zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold
  dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene
  russell vincent philip bobby johnny bradley roy ralph wayne louis randy howard mitch mitt ted newt
  rudy rick chris mike bill bob tom tim jim jeb marco rand bernie barack joe tim mike paul
  reince sean corey kellyanne steve chuck harry vladimir sergei dmitry boris igor ivan
  mohammed muhammad ahmed ali hassan omar abdullah benjamin bibi francois emmanuel nicolas 
  pierre jacques xi li wang hu kim ben josh jake sam dan dave greg ken ron jeff matt nick
  tony andy alex larry jerry gene dick newt lyndon franklin dwight ronald jimmy gerald herbert
  calvin woodrow theodore abraham ulysses grover chester rutherford martin luther malcolm jesse
  cory tim tom ben john elijah hakeem kevin paul eric trey jason devin adam darrell`
    .split(/\s+/)
    .filter(Boolean),
);

export const FEMALE_FIRST_NAMES: ReadonlySet<string> = new Set(
  `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
  sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
  katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
  victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
  frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace
  denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte
  rose alexis kayla hillary hilary chelsea kellyanne huma donna debbie elizabeth liz nikki carly
  michele sarah condoleezza condi madeleine ivanka melania tiffany jill tammy claire dianne kirsten
  maxine loretta susana hope katrina dana kate katie megyn kayleigh jen jenny meg peggy nancy
  barbara laura rosa ruth sonia elena theresa angela hillary marine christine federica ursula
  jacinda indira golda benazir corazon gina janet kamala tulsi amy patty tammy joni shelley
  susan lisa heidi maggie jeanne barbara ilhan alexandria rashida ayanna`
    .split(/\s+/)
    .filter(Boolean),
);
