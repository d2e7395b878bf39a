// Forms as ODK and KoboToolbox users write them: each pyxform behaviour Phum now shares, and each
// feature Phum lacks named as such.
#include <gtest/gtest.h>

#include "forms_test_support.h"

namespace phum::forms {
namespace {

using phum::v1::Field;
using testing::compileMarkdown;
using testing::describe;
using testing::kSettings;

std::string table(const std::string& header, const std::string& rows) {
  std::string separator = "|";
  for (char c : header) separator += c == '|' ? "---|" : "";
  separator.resize(separator.size() - 4);
  return header + "\n" + separator + "\n" + rows + "\n";
}

std::string form(const std::string& surveyHeader, const std::string& surveyRows,
                 const std::string& rest = kSettings) {
  return "## survey\n" + table(surveyHeader, surveyRows) + "\n" + rest;
}

std::string choices(const std::string& rows) {
  return "## choices\n" + table("| list_name | name | label |", rows) + kSettings;
}

const Field* find(const google::protobuf::RepeatedPtrField<Field>& fields,
                  const std::string& name) {
  for (const Field& field : fields) {
    if (field.name() == name) return &field;
    if (const Field* child = find(field.children(), name)) return child;
  }
  return nullptr;
}

const Field& field(const CompileResult& result, const std::string& name) {
  const Field* found = find(result.form.fields(), name);
  if (found == nullptr) throw std::runtime_error("no field " + name);
  return *found;
}

std::vector<std::string> errors(const CompileResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::Error) out.push_back(formatDiagnostic(d, "f"));
  }
  return out;
}

bool hasWarning(const CompileResult& result, const std::string& words) {
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::Warning && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(OdkCompat, SingleColonLanguagesWhenNoHeaderUsesTwo) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label:English | label:Khmer | hint:English |",
                           "| text | a | Name | ឈ្មោះ | Full name |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "a").labels().at("en"), "Name");
  EXPECT_EQ(field(result, "a").labels().at("km"), "ឈ្មោះ");
  EXPECT_EQ(field(result, "a").hints().at("en"), "Full name");
  // jr:constraintMsg keeps its prefix: only the language after it is split off.
  const CompileResult jr =
      compileMarkdown(form("| type | name | label:en | constraint | jr:constraintMsg:en |",
                           "| integer | n | N | . > 0 | Too small |"));
  ASSERT_TRUE(jr.ok()) << describe(jr.diagnostics);
  EXPECT_EQ(field(jr, "n").constraint_messages().at("en"), "Too small");
}

TEST(OdkCompat, SingleColonIsNotALanguageWhenAnotherHeaderUsesTwo) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label::English | label:Khmer |", "| text | a | Name | ឈ្មោះ |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "a").labels().count("km"), 0u);
  EXPECT_TRUE(hasWarning(result, "column 'label:Khmer' is not a survey column"));
}

TEST(OdkCompat, HeadersAreNormalisedLikePyxform) {
  const CompileResult result = compileMarkdown(
      "## survey\n" +
      table(
          "| Type | Name | Label | Constraint | Constraint Message | Read Only | caption::Khmer |",
          "| integer | n | N | . > 0 | Too small | no | លេខ |") +
      "## choices\n" + table("| List Name | Value | Caption |", "| l | x | X |") + kSettings);
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "n").constraint_messages().at("default"), "Too small");
  EXPECT_EQ(field(result, "n").labels().at("km"), "លេខ");
  EXPECT_EQ(result.form.choice_lists(0).choices(0).labels().at("default"), "X");
}

struct Alias {
  const char* type;
  phum::v1::FieldType expected;
};

TEST(OdkCompat, EveryTypeSpellingPyxformAccepts) {
  const Alias aliases[] = {
      {"string", phum::v1::FIELD_TYPE_TEXT},
      {"add text prompt", phum::v1::FIELD_TYPE_TEXT},
      {"q int", phum::v1::FIELD_TYPE_INTEGER},
      {"add integer prompt", phum::v1::FIELD_TYPE_INTEGER},
      {"q decimal", phum::v1::FIELD_TYPE_DECIMAL},
      {"add date prompt", phum::v1::FIELD_TYPE_DATE},
      {"dateTime", phum::v1::FIELD_TYPE_DATETIME},
      {"add date time prompt", phum::v1::FIELD_TYPE_DATETIME},
      {"location", phum::v1::FIELD_TYPE_GEOPOINT},
      {"gps", phum::v1::FIELD_TYPE_GEOPOINT},
      {"photo", phum::v1::FIELD_TYPE_IMAGE},
      {"q picture", phum::v1::FIELD_TYPE_IMAGE},
      {"add note prompt", phum::v1::FIELD_TYPE_NOTE},
      {"trigger", phum::v1::FIELD_TYPE_ACKNOWLEDGE},
      {"get start time", phum::v1::FIELD_TYPE_START},
      {"end time", phum::v1::FIELD_TYPE_END},
      {"get today", phum::v1::FIELD_TYPE_TODAY},
      {"imei", phum::v1::FIELD_TYPE_DEVICEID},
      {"get device id", phum::v1::FIELD_TYPE_DEVICEID},
      {"uri:username", phum::v1::FIELD_TYPE_USERNAME},
      {"hidden", phum::v1::FIELD_TYPE_CALCULATE},
      {"select one from yn", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"select1 yn", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"add select one prompt using yn", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"select all that apply from yn", phum::v1::FIELD_TYPE_SELECT_MULTIPLE},
      {"select all that apply yn", phum::v1::FIELD_TYPE_SELECT_MULTIPLE},
      {"Select_One yn", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"range", phum::v1::FIELD_TYPE_RANGE},
  };
  for (const Alias& alias : aliases) {
    const CompileResult result = compileMarkdown(
        form("| type | name | label |", std::string("| ") + alias.type + " | q | Q |",
             choices("| yn | yes | Yes |\n| yn | no | No |")));
    EXPECT_TRUE(result.ok()) << alias.type << "\n" << describe(result.diagnostics);
    EXPECT_EQ(field(result, "q").type(), alias.expected) << alias.type;
  }
}

// barcode: the code's text, read by the tablet or typed; the appearance tells the tablet to offer
// its reader and keeps the form's own appearance words.
TEST(OdkCompat, BarcodeIsATextAnswerTheTabletReads) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | appearance |",
           "| barcode | box | Box | |\n| add barcode prompt | card | Card | w2 |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "box").type(), phum::v1::FIELD_TYPE_TEXT);
  EXPECT_EQ(field(result, "box").appearance(), "barcode");
  EXPECT_EQ(field(result, "card").type(), phum::v1::FIELD_TYPE_TEXT);
  EXPECT_EQ(field(result, "card").appearance(), "barcode w2");
}

TEST(OdkCompat, GroupSpellings) {
  const CompileResult result = compileMarkdown(form(
      "| type | name | label |",
      "| begin_group | g | G |\n| begin looped group | r | R |\n| text | t | T |\n"
      "| end looped group | | |\n| begin lgroup | s | S |\n| text | u | U |\n| end_lgroup | | |\n"
      "| end_group | | |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "r").type(), phum::v1::FIELD_TYPE_REPEAT);
  EXPECT_EQ(field(result, "s").type(), phum::v1::FIELD_TYPE_REPEAT);
  EXPECT_EQ(field(result, "g").children_size(), 2);
}

TEST(OdkCompat, ListNamesKeepTheirCase) {
  const CompileResult result = compileMarkdown(form(
      "| type | name | label |", "| SELECT_ONE Yes_No | q | Q |", choices("| Yes_No | y | Y |")));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "q").list_name(), "Yes_No");
}

TEST(OdkCompat, OrOtherSpellings) {
  for (const char* type : {"select one from yn or specify other", "select_one yn or_other",
                           "select all that apply from yn or other"}) {
    const CompileResult result =
        compileMarkdown(form("| type | name | label |", std::string("| ") + type + " | q | Q |",
                             choices("| yn | yes | Yes |")));
    ASSERT_TRUE(result.ok()) << type << "\n" << describe(result.diagnostics);
    EXPECT_TRUE(field(result, "q").or_other()) << type;
    EXPECT_EQ(field(result, "q_other").relevant(), "selected(${q}, 'other')") << type;
    EXPECT_EQ(field(result, "q_other").labels().at("default"), "Specify other.");
    ASSERT_EQ(result.form.choice_lists(0).choices_size(), 2) << type;
    EXPECT_EQ(result.form.choice_lists(0).choices(1).name(), "other");
    EXPECT_EQ(result.form.choice_lists(0).choices(1).labels().at("default"), "Other");
  }
}

TEST(OdkCompat, OrOtherRefusesAChoiceFilterAsPyxformDoes) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | choice_filter |",
           "| select_one yn or_other | q | Q | name != 'no' |", choices("| yn | yes | Yes |")));
  ASSERT_EQ(errors(result).size(), 1u) << describe(result.diagnostics);
  EXPECT_NE(errors(result)[0].find("or_other cannot be combined with a choice_filter"),
            std::string::npos);
}

TEST(OdkCompat, OldTypesWithARule) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label | constraint |",
                           "| percentage | p | P | . != 50 |\n| phone number | ph | Phone | |\n"
                           "| number of days in last month | d | D | |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "p").type(), phum::v1::FIELD_TYPE_INTEGER);
  EXPECT_EQ(field(result, "p").constraint(), "(0 <= . and . <= 100) and (. != 50)");
  EXPECT_EQ(field(result, "ph").constraint(), "regex(., '^\\d*$')");
  EXPECT_EQ(field(result, "ph").hints().at("default"), "Enter numbers only.");
  EXPECT_EQ(field(result, "d").constraint(), "0 <= . and . <= 31");
}

TEST(OdkCompat, MetadataPhumDoesNotHaveStaysEmptyWithAWarning) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label |",
                           "| phonenumber | ph | |\n| simserial | sim | |\n"
                           "| audit | audit | |\n| csv-external | villages | |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "ph").type(), phum::v1::FIELD_TYPE_CALCULATE);
  EXPECT_TRUE(hasWarning(result, "type 'phonenumber': Phum devices do not report this"));
  EXPECT_TRUE(hasWarning(result, "type 'audit' is ignored"));
  EXPECT_EQ(find(result.form.fields(), "audit"), nullptr);
  EXPECT_EQ(find(result.form.fields(), "villages"), nullptr);  // only names a dataset
}

TEST(OdkCompat, NotesWithoutNamesAreNamedAsPyxformNamesThem) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label |", "| note | | Welcome |\n| text | a | A |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.fields(0).name(), "generated_note_name_2");
}

TEST(OdkCompat, YesAndNoWordsInExpressionColumns) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label | relevant | required |",
                           "| text | a | A | FALSE | Yes |\n| text | b | B | yes | TRUE |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "a").relevant(), "false()");
  EXPECT_EQ(field(result, "a").required(), "true()");
  EXPECT_EQ(field(result, "b").relevant(), "true()");
}

TEST(OdkCompat, MediaCountsAsALabelAndIsKept) {
  const CompileResult result =
      compileMarkdown("## survey\n" +
                      table("| type | name | label::English | image::English | media::audio::Khmer "
                            "(km) | big-image::English | video |",
                            "| select_one c | q | | cow.png | moo.mp3 | cow-big.png | herd.mp4 |") +
                      "## choices\n" +
                      table("| list_name | name | label::English | image::English |",
                            "| c | cow | | cow.png |\n| c | goat | Goat | |") +
                      kSettings);
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  const phum::v1::Media& media = field(result, "q").media();
  EXPECT_EQ(media.image().at("en"), "cow.png");
  EXPECT_EQ(media.audio().at("km"), "moo.mp3");
  EXPECT_EQ(media.big_image().at("en"), "cow-big.png");
  EXPECT_EQ(media.video().at("default"), "herd.mp4");
  EXPECT_EQ(result.form.choice_lists(0).choices(0).media().image().at("en"), "cow.png");
  EXPECT_FALSE(result.form.choice_lists(0).choices(1).has_media());
}

TEST(OdkCompat, BigImageNeedsAnImage) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label | big-image |", "| text | q | Q | big.png |"));
  ASSERT_EQ(errors(result).size(), 1u) << describe(result.diagnostics);
  EXPECT_NE(errors(result)[0].find("has a big-image but no image"), std::string::npos);
}

TEST(OdkCompat, GuidanceHintsAreKept) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | guidance_hint::Khmer (km) |", "| text | q | Q | ពន្យល់ |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "q").guidance_hints().at("km"), "ពន្យល់");
}

TEST(OdkCompat, AllowChoiceDuplicates) {
  const std::string survey =
      "## survey\n" + table("| type | name | label |", "| select_one l | q | Q |");
  const std::string list =
      "## choices\n" + table("| list_name | name | label |", "| l | a | A |\n| l | a | A again |");
  EXPECT_FALSE(compileMarkdown(survey + list + kSettings).ok());
  const CompileResult allowed =
      compileMarkdown(survey + list + "## settings\n" +
                      table("| form_id | version | allow_choice_duplicates |", "| f | 1 | yes |"));
  ASSERT_TRUE(allowed.ok()) << describe(allowed.diagnostics);
  EXPECT_EQ(allowed.form.choice_lists(0).choices_size(), 2);
}

TEST(OdkCompat, RangeParameters) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label | parameters |",
                           "| range | a | A | |\n| range | b | B | start=0 end=1 step=0.25 |\n"
                           "| range | c | C | start=10 end=0 step=2 |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "a").range().start(), 1);
  EXPECT_EQ(field(result, "a").range().end(), 10);
  EXPECT_EQ(field(result, "a").range().step(), 1);
  EXPECT_EQ(field(result, "b").range().step(), 0.25);
  EXPECT_EQ(field(result, "c").range().start(), 10);
  for (const char* bad : {"step=0", "start=1 end=3 step=5", "start=x", "placeholder=11",
                          "start=0 end=10 step=2 placeholder=3"}) {
    const CompileResult refused = compileMarkdown(form(
        "| type | name | label | parameters |", std::string("| range | a | A | ") + bad + " |"));
    EXPECT_FALSE(refused.ok()) << bad;
  }
}

TEST(OdkCompat, SelectOneExternal) {
  const std::string rest = "## choices\n" +
                           table("| list_name | name | label |", "| yn | y | Y |") +
                           "## external_choices\n" +
                           table("| list_name | name | label | province |",
                                 "| district | d1 | D1 | p1 |\n| district | d2 | D2 | p2 |") +
                           kSettings;
  const CompileResult result =
      compileMarkdown(form("| type | name | label | choice_filter |",
                           "| text | province | P | |\n| select_one_external district | d | D | "
                           "province = ${province} |",
                           rest));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(field(result, "d").type(), phum::v1::FIELD_TYPE_SELECT_ONE);
  EXPECT_EQ(field(result, "d").list_name(), "district");
  EXPECT_EQ(result.form.choice_lists(1).choices(1).columns().at("province"), "p2");
  const CompileResult wrongSheet =
      compileMarkdown(form("| type | name | label |", "| select_one_external yn | d | D |", rest));
  EXPECT_FALSE(wrongSheet.ok());
}

TEST(OdkCompat, TypesPhumCannotCaptureAreNamed) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label |",
                           "| audio | a | A |\n| file | f | F |\n| geotrace | g | G |\n"
                           "| osm tags | o | O |\n| begin loop over yn | l | L |\n"
                           "| text | t | T |\n| end loop | | |\n| note | n | ${a} |\n"
                           "| rank yn | r | R |"));
  std::vector<std::string> expected = {
      "type 'audio' (survey row 2)",    "type 'file' (survey row 3)",
      "type 'geotrace' (survey row 4)", "type 'osm' (survey row 5)",
      "begin loop (survey rows 6, 8)",  "type 'rank' (survey row 10)"};
  EXPECT_EQ(unsupportedFeatures(result.diagnostics), expected) << describe(result.diagnostics);
  EXPECT_EQ(errors(result).size(), 7u) << describe(result.diagnostics);  // no cascade from ${a}
  EXPECT_NE(errors(result)[0].find("Phum cannot capture this type yet"), std::string::npos);
}

TEST(OdkCompat, EveryUnsupportedFeatureIsListedInOnePass) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | calculation | trigger | appearance |",
           "| text | a | A | | | |\n"
           "| calculate | b | | pulldata('v', 'x', 'k', ${a}) + instance('l')/root/item | | |\n"
           "| calculate | c | | concat(jr:itext('x'), property('deviceid')) | ${a} | |\n"
           "| select_one yn | d | D | | | search('villages') |",
           "## choices\n" + table("| list_name | name | label |", "| yn | y | Y |") +
               "## settings\n" + table("| form_id | version | public_key |", "| f | 1 | MIIB |")));
  std::vector<std::string> expected = {"instance() (survey row 3)",
                                       "XPath paths (survey row 3)",
                                       "trigger column (survey row 4)",
                                       "jr:itext() (survey row 4)",
                                       "property() (survey row 4)",
                                       "search() appearance (survey row 5)",
                                       "public_key (encrypted forms) (settings row 2)"};
  EXPECT_EQ(unsupportedFeatures(result.diagnostics), expected) << describe(result.diagnostics);
}

TEST(OdkCompat, SameNameInTwoGroupsIsAFeaturePhumLacks) {
  const CompileResult result =
      compileMarkdown(form("| type | name | label |",
                           "| begin group | g1 | G |\n| text | n | N |\n| end group | | |\n"
                           "| begin group | g2 | G |\n| text | n | N |\n| end group | | |"));
  EXPECT_EQ(unsupportedFeatures(result.diagnostics),
            std::vector<std::string>{"the same name in two groups (survey row 6)"});
}

TEST(OdkCompat, SheetsPhumDoesNotReadAreNamed) {
  const CompileResult result = compileMarkdown(form("| type | name | label |", "| text | a | A |") +
                                               "## stettings\n| x |\n|---|\n| y |\n");
  EXPECT_TRUE(result.ok());
  // The markdown reader only keeps known sheets, so build the workbook directly.
  Workbook workbook =
      readMarkdownWorkbook(form("| type | name | label |", "| text | a | A |"), "f.md");
  workbook.sheets.push_back(Sheet{"stettings", {"version"}, 0, {}});
  EXPECT_TRUE(hasWarning(compileWorkbook(workbook),
                         "sheet 'stettings' is not an XLSForm sheet; Phum ignores it (did you mean "
                         "'settings'?)"));
}

TEST(OdkCompat, InstanceNameThatIsNotAnExpressionIsDropped) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label |", "| text | a | A |",
           "## settings\n" + table("| form_id | version | instance_name |", "| f | 1 | RQ |")));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.instance_name(), "");
  EXPECT_TRUE(hasWarning(result, "instance_name 'RQ' is ignored"));
}

TEST(OdkCompat, RegexWithoutAnchorsWarnsAboutCollect) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | constraint |", "| text | a | A | regex(., '[0-9]{3}') |"));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(hasWarning(result, "write it as '^[0-9]{3}$' to mean the same everywhere"));
}

TEST(OdkCompat, DigestArgumentsAreChecked) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | calculation |", "| calculate | a | | digest('x', 'SHA-3') |"));
  ASSERT_EQ(errors(result).size(), 1u);
  EXPECT_NE(errors(result)[0].find("digest() takes one of MD5"), std::string::npos);
}

TEST(OdkCompat, IndexedRepeatNeedsARepeat) {
  const CompileResult result = compileMarkdown(
      form("| type | name | label | calculation |",
           "| begin repeat | r | R | |\n| integer | n | N | |\n| end repeat | | | |\n"
           "| calculate | first | | indexed-repeat(${n}, ${r}, 1) |\n"
           "| calculate | wrong | | indexed-repeat(${n}, ${first}, 1) |"));
  ASSERT_EQ(errors(result).size(), 1u) << describe(result.diagnostics);
  EXPECT_NE(errors(result)[0].find("${first} is not a repeat"), std::string::npos);
}

}  // namespace
}  // namespace phum::forms
