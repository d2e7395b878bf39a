#pragma once
// Shared pieces of the XLSForm compiler's passes (columns, survey, choices, checks). Not part of
// the public interface: include forms/xlsform_compiler.h instead.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forms/workbook.h"
#include "phum/v1/form.pb.h"

namespace phum::forms::detail {

// One header cell understood: `label::Khmer (km)` -> key "label", language "km".
struct Column {
  std::size_t index = 0;
  std::string header;    // as written
  std::string key;       // canonical XLSForm column name, or "" when ignored
  std::string language;  // language code for translatable columns ("" = not translated)
};

// Where a diagnostic points; built from a sheet row and column.
struct Location {
  std::string sheet;
  const SheetRow* row = nullptr;
  const Column* column = nullptr;
};

class Diagnostics {
 public:
  void error(const Location& at, std::string message) {
    add(Severity::Error, at, std::move(message));
  }
  void warning(const Location& at, std::string message) {
    add(Severity::Warning, at, std::move(message));
  }
  // An error about valid XLSForm Phum cannot handle yet; `feature` names it for summaries.
  void unsupported(const Location& at, std::string feature, std::string message) {
    add(Severity::Error, at, std::move(message));
    list_.back().unsupported = std::move(feature);
  }
  void add(Severity severity, const Location& at, std::string message);
  std::vector<Diagnostic>& all() { return list_; }

 private:
  std::vector<Diagnostic> list_;
};

// Languages seen in headers, in order of first appearance, with display names.
struct Languages {
  std::string defaultCode;  // what an untranslated `label` column means
  std::vector<std::string> codes;
  std::map<std::string, std::string> names;
  void note(const std::string& code, const std::string& name);
};

// The columns of one sheet, looked up by canonical key.
class SheetColumns {
 public:
  SheetColumns(const Sheet& sheet, std::string sheetName, Languages& languages,
               Diagnostics& diagnostics);
  const Column* find(std::string_view key) const;  // untranslated column
  std::vector<const Column*> translations(std::string_view key) const;
  std::string cell(const SheetRow& row, std::string_view key) const;  // trimmed, "" if absent
  const std::vector<Column>& all() const { return columns_; }
  const std::string& sheetName() const { return sheetName_; }
  Location at(const SheetRow& row, std::string_view key = {}) const;

 private:
  std::string sheetName_;
  std::vector<Column> columns_;
};

// Splits "Khmer (km)" into code "km" and name "Khmer"; "km" and "English" are understood too.
std::pair<std::string, std::string> parseLanguage(std::string_view text);

// The shared canonical survey / choices / settings column names and their aliases.
std::string canonicalColumn(std::string_view sheet, std::string_view base);

bool isValidName(std::string_view name);
// The closest candidate by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);
// "yes"/"true"/"true()" -> "true()", "no"/"false"/"" -> "", nullopt for anything else.
std::optional<std::string> normalizeBoolean(std::string_view text);

// Text per language from a translatable column, e.g. labels.
void readTranslations(const SheetColumns& columns, const SheetRow& row, std::string_view key,
                      google::protobuf::Map<std::string, std::string>& out);

// The image, big-image, audio and video columns of a row, per language.
void readMedia(const SheetColumns& columns, const SheetRow& row, phum::v1::Media& media);
bool hasMedia(const phum::v1::Media& media);

// The `parameters` cell of a survey row into Field.parameters, and the options Phum reads from it
// (max-length of text questions) into their own fields; mistakes are reported at that cell.
void readParameters(const SheetColumns& columns, const SheetRow& row, phum::v1::Field& field,
                    Diagnostics& diagnostics);
// The key=value pairs of a parameters cell, keys in lower case ("" values for bare words).
std::map<std::string, std::string> parameterMap(std::string_view text);

// A survey `type` cell understood (compiler_types.cpp).
enum class Marker { None, BeginGroup, EndGroup, BeginRepeat, EndRepeat };
struct ParsedType {
  phum::v1::FieldType type = phum::v1::FIELD_TYPE_UNSPECIFIED;
  Marker marker = Marker::None;
  std::string listName;
  std::string choiceFile;
  bool orOther = false;
  bool external = false;         // select_one_external: the list is on the external_choices sheet
  bool noField = false;          // csv-external and audit rows declare something but hold no answer
  std::string constraint, hint;  // what old types such as 'percentage' stand for
  // An appearance the type stands for: `barcode` is a text answer the tablet reads from a code.
  std::string appearance;
  std::string warning;      // the row compiles, but not quite as in ODK
  std::string error;        // the type cannot be used
  std::string unsupported;  // with error: the feature Phum lacks, e.g. "type 'audio'"
};
ParsedType parseType(std::string_view cell);
extern const char* const kSupportedTypes;  // for messages

// Passes. Each adds what it finds to `diagnostics` and carries on.
struct Settings {
  std::string formId, title, version, defaultLanguage, instanceName;
  std::string locationField, roles;  // Phum's own settings (compiler_record_settings.cpp)
  bool allowChoiceDuplicates = false;
  const SheetRow* row = nullptr;
  std::optional<SheetColumns> columns;  // for messages about settings cells
};
Settings readSettings(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics);
// location_field and roles checked against the compiled fields and put into the definition.
void applyRecordSettings(const Settings& settings, Diagnostics& diagnostics,
                         phum::v1::FormDefinition& form);

// Choices and external_choices rows, kept for checks that need the survey too.
struct ChoiceSource {
  std::string listName, name;
  Location location;
};
struct ChoicesResult {
  std::deque<SheetColumns> columns;        // one per sheet read (addresses stay valid)
  std::vector<ChoiceSource> spacedNames;   // choice names that contain a space
  std::vector<std::string> externalLists;  // lists of the external_choices sheet
};
void readChoices(const Workbook& workbook, const Settings& settings, Languages& languages,
                 Diagnostics& diagnostics, phum::v1::FormDefinition& form, ChoicesResult& choices);

// Survey rows compiled into the field tree, each with where it came from.
struct FieldSource {
  const phum::v1::Field* field = nullptr;
  Location location;
  const SheetColumns* columns = nullptr;
  bool external = false;   // select_one_external: its list must be on external_choices
  bool generated = false;  // added by the compiler (the text question of or_other)
};
struct SurveyResult {
  std::optional<SheetColumns> columns;
  std::vector<FieldSource> fields;  // form order, groups and repeats included
};
void readSurvey(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics,
                phum::v1::FormDefinition& form, SurveyResult& survey);

// or_other as pyxform does it: the choice "other" added to each list an or_other select uses.
void addOtherChoices(const SurveyResult& survey, const Languages& languages,
                     phum::v1::FormDefinition& form);

// Expressions, ${references}, select lists and calculation cycles, once all fields are known.
void checkSurvey(const SurveyResult& survey, const ChoicesResult& choices, Settings& settings,
                 phum::v1::FormDefinition& form, Diagnostics& diagnostics);

}  // namespace phum::forms::detail
