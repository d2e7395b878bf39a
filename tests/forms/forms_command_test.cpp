// `phum-admin forms ...` run as a real process: exit codes, output, and the md <-> xlsx round trip.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "forms_test_support.h"

namespace phum::forms {
namespace {

using testing::describe;
using testing::readFile;
using testing::TempDir;
using testing::testDataPath;

struct AdminRun {
  int exitCode = -1;
  std::string out;
  std::string err;
};

std::string quoted(const std::string& text) { return "'" + text + "'"; }

AdminRun phumAdmin(const TempDir& dir, const std::vector<std::string>& args) {
  std::string command = quoted(PHUM_ADMIN_EXE) + " forms";
  for (const std::string& arg : args) command += " " + quoted(arg);
  command += " >" + quoted(dir.file("stdout")) + " 2>" + quoted(dir.file("stderr"));
  const int status = std::system(command.c_str());
  AdminRun run;
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = readFile(dir.file("stdout"));
  run.err = readFile(dir.file("stderr"));
  return run;
}

bool contains(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

TEST(FormsCommand, CheckPrintsASummary) {
  TempDir dir;
  const AdminRun run = phumAdmin(dir, {"check", testDataPath("all_features.xlsform.md")});
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "form: all_features version 2026112801 \"All features\"\n"
            "fields: 29\n"
            "groups: 1\n"
            "repeats: 1\n"
            "choice lists: 3\n"
            "languages: en (English), km (Khmer)\n"
            "sensitive fields (6): full_name, phone, home_location, id_photo, member_name, "
            "narrative\n");
}

TEST(FormsCommand, CheckReportsErrorsAndFails) {
  TempDir dir;
  const std::string form =
      dir.write("broken.xlsform.md",
                "# Broken\n\n## survey\n| type | name | label | relevant |\n|---|---|---|---|\n"
                "| text | a | A | |\n| integr | b | B | |\n| text | c | C | ${d} = 1 |\n"
                "## settings\n| form_id | version |\n|---|---|\n| broken | 1 |\n");
  const AdminRun run = phumAdmin(dir, {"check", form});
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(contains(run.err,
                       "broken.xlsform.md:7: error: survey row 3, column A (type): unknown type "
                       "'integr'; did you mean 'integer'?"))
      << run.err;
  EXPECT_TRUE(contains(run.err,
                       "broken.xlsform.md:8: error: survey row 4, column D (relevant): unknown "
                       "field ${d}: no survey row is named 'd'\n"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "broken.xlsform.md: 2 error(s); the form was not compiled"))
      << run.err;
}

TEST(FormsCommand, CheckShowsWarningsButSucceeds) {
  TempDir dir;
  const AdminRun run = phumAdmin(dir, {"check", testDataPath("htcds_xlsform.xlsx")});
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_TRUE(contains(run.err, "htcds_xlsform.xlsx: warning: settings row 2: no form_id"))
      << run.err;
  EXPECT_TRUE(contains(run.out, "form: htcds_xlsform version vSmt4GQA3C9uBMLPEVfgND")) << run.out;
  EXPECT_TRUE(contains(run.out, "fields: 34\n")) << run.out;
}

TEST(FormsCommand, CheckOfAFileThatCannotBeRead) {
  TempDir dir;
  const AdminRun missing = phumAdmin(dir, {"check", dir.file("nothing.xlsform.md")});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_TRUE(contains(missing.err, "cannot open " + dir.file("nothing.xlsform.md")))
      << missing.err;
  const AdminRun notZip = phumAdmin(dir, {"check", dir.write("fake.xlsx", "not a zip")});
  EXPECT_EQ(notZip.exitCode, 1);
  EXPECT_TRUE(contains(notZip.err, "as an .xlsx workbook")) << notZip.err;
}

TEST(FormsCommand, UsageErrorsExitWithTwo) {
  TempDir dir;
  EXPECT_EQ(phumAdmin(dir, {}).exitCode, 2);
  EXPECT_EQ(phumAdmin(dir, {"check"}).exitCode, 2);
  const AdminRun unknown = phumAdmin(dir, {"frobnicate", "x"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_TRUE(contains(unknown.err, "usage: phum-admin forms")) << unknown.err;
}

// The equivalence the form officers rely on: a repo form opened in Excel/Kobo and brought back
// compiles to exactly the same definition.
TEST(FormsCommand, ConvertRoundTripKeepsTheDefinition) {
  TempDir dir;
  const std::string md = testDataPath("all_features.xlsform.md");
  const std::string xlsx = dir.file("all_features.xlsx");
  const std::string back = dir.file("all_features.xlsform.md");
  const AdminRun toXlsx = phumAdmin(dir, {"convert", md, xlsx});
  ASSERT_EQ(toXlsx.exitCode, 0) << toXlsx.err;
  EXPECT_EQ(toXlsx.out, "wrote " + xlsx + "\n");
  const AdminRun toMd = phumAdmin(dir, {"convert", xlsx, back});
  ASSERT_EQ(toMd.exitCode, 0) << toMd.err;
  const CompileResult original = compileFormFile(md);
  const CompileResult fromXlsx = compileFormFile(xlsx);
  const CompileResult roundTrip = compileFormFile(back);
  ASSERT_TRUE(fromXlsx.ok()) << describe(fromXlsx.diagnostics);
  ASSERT_TRUE(roundTrip.ok()) << describe(roundTrip.diagnostics);
  using google::protobuf::util::MessageDifferencer;
  EXPECT_TRUE(MessageDifferencer::Equals(original.form, fromXlsx.form));
  EXPECT_TRUE(MessageDifferencer::Equals(original.form, roundTrip.form));
}

TEST(FormsCommand, ConvertRefusesUnknownExtensions) {
  TempDir dir;
  const AdminRun run =
      phumAdmin(dir, {"convert", testDataPath("all_features.xlsform.md"), dir.file("x.ods")});
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_TRUE(contains(run.err, "choose a .xlsx or .xlsform.md file name")) << run.err;
}

TEST(FormsCommand, CompileWritesTheDefinition) {
  TempDir dir;
  const std::string md = testDataPath("all_features.xlsform.md");
  const AdminRun run = phumAdmin(dir, {"compile", md, dir.file("form.pb")});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  phum::v1::FormDefinition written;
  ASSERT_TRUE(written.ParseFromString(readFile(dir.file("form.pb"))));
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(written, compileFormFile(md).form));
}

}  // namespace
}  // namespace phum::forms
