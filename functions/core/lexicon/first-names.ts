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
  reince sean corey steve chuck harry vladimir sergei dmitry boris igor ivan
  mohammed muhammad ahmed ali hassan omar abdullah benjamin bibi francois emmanuel nicolas 
  pierre jacques xi li wang hu kim ben josh jake sam dan dave greg ken ron jeff matt nick
  tony andy alex larry jerry gene dick newt lyndon franklin dwight ronald jimmy gerald herbert
  calvin woodrow theodore abraham ulysses grover chester rutherford martin luther malcolm jesse
  cory tim tom ben john elijah hakeem kevin paul eric trey jason devin adam darrell
  abe al alfred allen andre angelo antonio armando barry bernard bert blake brad brett byron cameron
  carlos cecil cedric chad charlie clarence claude clay clayton clifford clint cody colin craig curtis
  dale damon darren darryl dean derek derrick desmond dominic don donnie drew duane dustin earl ed
  eddie edgar edwin elliot elliott emmett enrique ernest ernie evan everett felix fernando floyd
  francis fred freddie gavin glen glenn gordon grant hank harvey hector herman hugh ian isaac jared
  javier jay jeremiah jerome jimmie joel jon jonah jorge juan julian julio karl kirk kurt lance leo
  leon leonard leroy lester lewis lloyd lonnie lou lowell luis luke manuel marc marcus mario marshall
  marvin maurice max melvin miguel miles milton mitchell morris neal neil nelson norman oliver orlando
  oscar otis owen pablo pedro perry phil preston rafael ramon randall randolph ray reggie reginald rex
  ricardo ricky rob robbie rod rodney roland ross ruben rufus russ salvador sammy saul seth shane shawn
  sherrod sidney simon stan stanley stuart thad theo todd travis troy tyrone vernon victor wade
  wallace warren wes wesley wilbur will willard wilson xavier zach rahm beto beau mick recep bashar
  shinzo narendra mauricio hugo fidel raul abdel mahmoud nawaz sergey alexei mikhail viktor nigel
  silvio matteo mariano`
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
  susan lisa heidi maggie jeanne barbara ilhan alexandria rashida ayanna
  caroline tina gwen wendy paula lori leslie jodi kristen kristin erin erica allison alison molly holly
  jenna jane joanna eileen kathy cathy becky rebekah vanessa monica veronica valerie vicki tracy
  stacy stacey sheila sylvia yvonne yolanda wanda connie bonnie marcia marsha norma irene lucy lucia
  laurie lynn lynne leah naomi esther miriam rita roberta renee regina rachael priscilla penny paige
  pauline phyllis nora nina natasha melinda melanie lydia lillian lena kara karla katy joy josephine
  jeanette ingrid iris ivy hazel harriet gail gayle felicia faith eva eve ella ellen eleanor elaine
  edith dolores dawn daisy colleen cindy cecilia carmen carla candace brooke bridget bethany beth
  belinda audrey arlene anita angie amelia alicia alexandra agnes adrienne darlene deanna elisa
  erika greta jeanine juanita kaitlyn kelsey kendra krista kristina latoya lorraine louise lucille
  madeline marianne marion maureen mia michaela mildred nadia neera nicola olga pam rhonda roxanne
  sabrina sally serena shannon sheryl sonya stella sue tamara tanya tara trisha vera zoe betsy dena
  kelli kellie keisha ivana omarosa`
    .split(/\s+/)
    .filter(Boolean),
);
