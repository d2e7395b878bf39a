#include "services/record_export.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
#include <set>
#include <stdexcept>

#include "common/sealing_keys.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/uuid.h"
#include "forms/engine/form_model.h"
#include "services/csv_cell.h"
#include "services/record_view.h"
#include "services/record_wire.h"
#include "services/review_console.h"

namespace phum::server {

namespace {

using Column = RecordExport::Column;
using ColumnIndex = RecordExport::ColumnIndex;

constexpr int kPageRecords = 1000;
constexpr std::size_t kSpoolPiece = 1024 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct FixedColumn {
  const char* name;
  const char* en;
  const char* km;
};

const FixedColumn kRecordColumns[] = {
    {"record_uuid", "Record ID", "លេខសម្គាល់កំណត់ត្រា"},
    {"revision", "Revision", "កំណែ"},
    {"form_version", "Form version", "កំណែទម្រង់"},
    {"author", "Author", "អ្នកបំពេញ"},
    {"device_id", "Tablet", "ថេប្លេត"},
    {"location_code", "Place code", "លេខកូដទីតាំង"},
    {"created_at", "Created (Cambodia time)", "ថ្ងៃបង្កើត (ម៉ោងកម្ពុជា)"},
    {"received_at", "Received (Cambodia time)", "ថ្ងៃទទួល (ម៉ោងកម្ពុជា)"},
    {"review_state", "Review state", "ស្ថានភាពពិនិត្យ"},
};

const FixedColumn kRepeatColumns[] = {
    {"record_uuid", "Record ID", "លេខសម្គាល់កំណត់ត្រា"},
    {"parent_index", "Parent row", "ជួរមេ"},
    {"index", "Row", "ជួរ"},
};

bool freeText(const phum::v1::Field& field) { return field.type() == phum::v1::FIELD_TYPE_TEXT; }

void csvCell(std::string& line, std::string_view value, bool guard = false) {
  appendCsvCell(line, value, guard);
}

void endCell(std::string& line) { line.push_back(','); }

void endLine(std::string& line) {
  if (!line.empty() && line.back() == ',') line.pop_back();
  line.append("\r\n");
}

// As printf's "%.10g" writes it (to_chars with a precision is specified so), without the locale
// and format parsing each call of snprintf costs.
void appendNumber(std::string& line, double value) {
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::general, 10);
  line.append(text, end.ptr);
}

void appendDigits(std::string& line, long long value, int width) {
  char digits[24];
  int at = sizeof digits;
  const bool negative = value < 0;
  unsigned long long rest = negative ? 0ULL - static_cast<unsigned long long>(value)
                                     : static_cast<unsigned long long>(value);
  do {
    digits[--at] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0 || static_cast<int>(sizeof digits) - at < width);
  if (negative) line.push_back('-');
  line.append(digits + at, sizeof digits - static_cast<std::size_t>(at));
}

// "2026-11-30 14:05:09" in Cambodia (UTC+7): a date and time Excel recognises. Calendar
// arithmetic rather than gmtime_r and strftime, which took a lock and a locale per cell.
void appendCambodianTime(std::string& line, std::int64_t ms) {
  using namespace std::chrono;
  const sys_seconds at{seconds{ms / 1000 + 7 * 3600}};
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  appendDigits(line, static_cast<int>(date.year()), 4);
  line.push_back('-');
  appendDigits(line, static_cast<unsigned>(date.month()), 2);
  line.push_back('-');
  appendDigits(line, static_cast<unsigned>(date.day()), 2);
  line.push_back(' ');
  appendDigits(line, time.hours().count(), 2);
  line.push_back(':');
  appendDigits(line, time.minutes().count(), 2);
  line.push_back(':');
  appendDigits(line, time.seconds().count(), 2);
}

void appendGeoPoint(std::string& line, std::string_view message, char separator) {
  const wire::GeoPoint point = wire::readGeoPoint(message);
  appendNumber(line, point.latitude);
  line.push_back(separator);
  appendNumber(line, point.longitude);
  if (separator == ' ') return;  // a geopoint in a text column: latitude and longitude
  line.push_back(separator);
  appendNumber(line, point.accuracyM);
}

// The cells of one answer (three for a geopoint column); `message` is its phum.v1.Value, or
// null when the record has no answer for the column.
void valueCells(std::string& line, const Column& column, std::string_view message,
                std::string& scratch) {
  const wire::Value value = message.data() != nullptr ? wire::readValue(message) : wire::Value{};
  if (column.geopoint) {
    if (value.kind == wire::Value::Geopoint) {
      appendGeoPoint(line, value.bytes, ',');
      line.push_back(',');
    } else {
      line += ",,,";
    }
    return;
  }
  switch (value.kind) {
    case wire::Value::Text:
      csvCell(line, value.bytes, column.text);
      break;
    case wire::Value::Integer:
      appendDigits(line, value.integer, 1);
      break;
    case wire::Value::Decimal:
      appendNumber(line, value.decimal);
      break;
    case wire::Value::Choices: {
      scratch.clear();  // as XLSForm tools write select_multiple: names, space-separated
      wire::FieldReader items(value.bytes);
      while (items.next()) {
        if (items.field() != 1 || !items.isBytes()) continue;
        if (!scratch.empty()) scratch.push_back(' ');
        scratch.append(items.bytes());
      }
      csvCell(line, scratch);
      break;
    }
    case wire::Value::Geopoint:
      appendGeoPoint(line, value.bytes, ' ');
      break;
    case wire::Value::Attachment:
      csvCell(line, value.bytes, true);
      break;
    case wire::Value::Acknowledged:
      line += value.acknowledged ? "1" : "0";
      break;
    case wire::Value::None:
      break;
  }
  endCell(line);
}

// The column of an answer. Answers come in the form's order, and so do the columns, so the
// column after the last one found, or one a few further on, usually names it: those are tried
// before the index.
int findColumn(const std::vector<Column>& columns, const ColumnIndex& index, std::string_view name,
               std::size_t& next) {
  const std::size_t stop = std::min(next + 4, columns.size());
  for (std::size_t at = next; at < stop; ++at) {
    if (columns[at].name == name) {
      next = at + 1;
      return static_cast<int>(at);
    }
  }
  const auto found = index.find(name);
  if (found == index.end()) return -1;
  next = static_cast<std::size_t>(found->second) + 1;
  return found->second;
}

// The record's uuid and its answers (a phum.v1.AnswerSet), from the stored bytes.
struct RecordParts {
  std::string_view uuid;
  std::string_view answers;
};

RecordParts recordParts(std::string_view body) {
  RecordParts parts;
  wire::FieldReader reader(body);
  while (reader.next()) {
    if (!reader.isBytes()) continue;
    if (reader.field() == 1) parts.uuid = reader.bytes();
    if (reader.field() == 10) parts.answers = reader.bytes();
  }
  return parts;
}

// Fills `values` (one per column, cleared first) with the Value bytes of each answer of an
// AnswerSet that has a column.
void collectValues(std::string_view answerSet, const std::vector<Column>& columns,
                   const ColumnIndex& index, std::vector<std::string_view>& values) {
  values.assign(columns.size(), std::string_view());
  std::size_t next = 0;
  wire::FieldReader reader(answerSet);
  while (reader.next()) {
    if (reader.field() != 1 || !reader.isBytes()) continue;
    std::string_view name, value;
    bool hasValue = false;
    wire::FieldReader answer(reader.bytes());
    while (answer.next()) {
      if (!answer.isBytes()) continue;
      if (answer.field() == 1) name = answer.bytes();
      if (answer.field() == 2) {
        value = answer.bytes();
        hasValue = true;
      }
    }
    const int column = findColumn(columns, index, name, next);
    if (column < 0) continue;
    // An answer with no value is an answer of no kind: an empty cell, as for no answer.
    values[static_cast<std::size_t>(column)] = hasValue ? value : std::string_view("", 0);
  }
}

template <std::size_t N>
void headerRows(std::string& out, const FixedColumn (&fixed)[N], const std::vector<Column>& columns,
                const std::string& language) {
  std::string names, labels;
  for (const auto& column : fixed) {
    csvCell(names, column.name);
    endCell(names);
    csvCell(labels, language == "en" ? column.en : column.km);
    endCell(labels);
  }
  for (const auto& column : columns) {
    if (column.geopoint) {
      for (const char* part : {"_latitude", "_longitude", "_accuracy"}) {
        csvCell(names, column.name + part);
        endCell(names);
        csvCell(labels, column.label + " (" + std::string(part + 1) + ")");
        endCell(labels);
      }
      continue;
    }
    csvCell(names, column.name);
    endCell(names);
    csvCell(labels, column.label, true);
    endCell(labels);
  }
  endLine(names);
  endLine(labels);
  out.append(kBom);
  out += names;
  out += labels;
}

struct PlanBuilder {
  const std::string& language;
  bool includeSensitive;
  std::set<std::string> sensitive;  // in any version: left out unless included

  void collectSensitive(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields) {
    for (const auto& field : fields) {
      if (field.sensitive()) sensitive.insert(field.name());
      collectSensitive(field.children());
    }
  }

  void add(std::vector<Column>& columns, ColumnIndex& index, const phum::v1::Field& field,
           const phum::v1::FormDefinition& form) {
    if (!holdsReadableAnswer(field) || index.contains(field.name())) return;
    if (!includeSensitive && sensitive.contains(field.name())) return;
    std::string label =
        phum::forms::engine::textIn(field.labels(), language, form.default_language());
    index[field.name()] = static_cast<int>(columns.size());
    columns.push_back({field.name(), label.empty() ? field.name() : label,
                       field.type() == phum::v1::FIELD_TYPE_GEOPOINT, freeText(field)});
  }

  void walk(RecordExport::FormPlan& plan,
            const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
            const phum::v1::FormDefinition& form, const std::string& repeat) {
    for (const auto& field : fields) {
      if (field.type() == phum::v1::FIELD_TYPE_GROUP) {
        walk(plan, field.children(), form, repeat);
      } else if (field.type() == phum::v1::FIELD_TYPE_REPEAT) {
        if (!plan.repeatColumnIndex.contains(field.name())) {
          plan.repeats.push_back({field.name(), {}, nullptr});
          plan.repeatColumnIndex[field.name()];
        }
        walk(plan, field.children(), form, field.name());
      } else if (repeat.empty()) {
        add(plan.columns, plan.columnIndex, field, form);
      } else {
        for (auto& candidate : plan.repeats) {
          if (candidate.name == repeat) {
            add(candidate.columns, plan.repeatColumnIndex[repeat], field, form);
          }
        }
      }
    }
  }
};

// One plan per form: the columns of its published versions, the newest version's order first.
std::vector<RecordExport::FormPlan> planForms(CatalogService& catalog,
                                              const ExportRequest& request) {
  std::map<std::string, std::vector<storage::PublishedForm>> versions;
  for (auto& form : catalog.listForms()) {
    if (request.query.formId.empty() || form.formId == request.query.formId) {
      versions[form.formId].push_back(std::move(form));
    }
  }
  if (!request.query.formId.empty() && versions.empty()) {
    throw std::invalid_argument("no form '" + request.query.formId + "' was ever published");
  }
  std::vector<RecordExport::FormPlan> plans;
  for (auto& [formId, list] : versions) {
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.publishedAtMs > b.publishedAtMs; });
    std::vector<phum::v1::FormDefinition> definitions;
    PlanBuilder builder{request.language, request.includeSensitive, {}};
    for (const auto& version : list) {
      auto definition = catalog.findForm(formId, version.version);
      if (!definition) continue;
      builder.collectSensitive(definition->fields());
      definitions.push_back(std::move(*definition));
    }
    RecordExport::FormPlan plan;
    plan.formId = formId;
    for (const auto& definition : definitions)
      builder.walk(plan, definition.fields(), definition, "");
    plans.push_back(std::move(plan));
  }
  return plans;
}

// The file name of a form or repeat, kept to characters every unzip tool accepts.
std::string fileName(std::string name) {
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return name + ".csv";
}

constexpr std::size_t kArenaBlock = 256 * 1024;

void spoolWrite(std::FILE* spool, const std::string& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), spool) != bytes.size()) {
    throw StorageError(std::string("the export could not write its temporary file: ") +
                       std::strerror(errno));
  }
}

}  // namespace

RecordExport::RecordExport(storage::Database& db, CatalogService& catalog, SealingKeys& keys,
                           ExportRequest request)
    : db_(db),
      keys_(keys),
      request_(std::move(request)),
      startedAtMs_(nowMillis()),
      arenaBlock_(kArenaBlock) {
  forms_ = planForms(catalog, request_);
  google::protobuf::ArenaOptions options;
  options.initial_block = arenaBlock_.data();
  options.initial_block_size = arenaBlock_.size();
  arena_ = std::make_unique<google::protobuf::Arena>(options);
}

RecordExport::~RecordExport() {
  for (auto& form : forms_) {
    for (auto& repeat : form.repeats) {
      if (repeat.spool != nullptr) std::fclose(repeat.spool);
    }
  }
}

std::optional<std::string> RecordExport::next() {
  while (phase_ != Phase::Done) {
    bool produced = false;
    switch (phase_) {
      case Phase::StartForm:
        if (form_ >= forms_.size()) {
          phase_ = Phase::Finish;
        } else {
          startForm();
          phase_ = Phase::Rows;
        }
        break;
      case Phase::Rows:
        produced = readPage();
        break;
      case Phase::Repeats:
        produced = copySpool();
        break;
      case Phase::Finish:
        zip_.finish();
        phase_ = Phase::Done;
        produced = true;
        break;
      case Phase::Done:
        break;
    }
    if (!produced) continue;
    // The archive so far: what the deflating thread has done (the page before, usually), all
    // of it at the end.
    std::string piece = zip_.take(phase_ == Phase::Done);
    if (!piece.empty()) return piece;
  }
  return std::nullopt;
}

void RecordExport::startForm() {
  FormPlan& plan = forms_[form_];
  zip_.beginEntry(fileName(plan.formId), startedAtMs_);
  std::string header;
  headerRows(header, kRecordColumns, plan.columns, request_.language);
  zip_.write(header);
  for (auto& repeat : plan.repeats) {
    repeat.spool = std::tmpfile();
    if (repeat.spool == nullptr) {
      throw StorageError(std::string("the export could not create a temporary file: ") +
                         std::strerror(errno));
    }
    header.clear();
    headerRows(header, kRepeatColumns, repeat.columns, request_.language);
    spoolWrite(repeat.spool, header);
  }
  after_.reset();
}

bool RecordExport::readPage() {
  storage::QueueQuery query = request_.query;
  query.formId = forms_[form_].formId;
  query.after = after_;
  query.limit = kPageRecords;
  query.withBody = true;
  const auto place = narrowedPlace(request_.scope, query.placePrefix);
  int read = 0;
  std::optional<storage::QueueKey> last;
  if (place) {
    query.placePrefix = *place;
    storage::read(db_, [&](storage::Transaction& tx) {
      read = 0;  // a retried transaction starts the page again
      line_.clear();
      for (auto& repeat : forms_[form_].repeats) repeat.pending.clear();
      tx.reviews().visitQueue(query, [&](const storage::QueueRow& row, std::string_view body) {
        writeRecord(row, body);
        ++read;
        last = storage::QueueKey{row.record.receivedAtMs, row.record.serverSeq};
      });
    });
  }
  records_ += read;
  // One write per page: zlib and the CRC work best on large pieces.
  zip_.write(std::move(line_));
  line_ = zip_.buffer();
  flushRepeats(0);
  if (read == kPageRecords) {
    after_ = last;
  } else {
    zip_.endEntry();
    phase_ = Phase::Repeats;
    repeat_ = 0;
    repeatStarted_ = false;
  }
  return true;
}

void RecordExport::writeRecord(const storage::QueueRow& row, std::string_view body) {
  if (request_.includeSensitive) {
    // Sealed answers are opened on the message, then read back like any other record.
    auto* record = google::protobuf::Arena::CreateMessage<phum::v1::Record>(arena_.get());
    if (!record->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
      throw StorageError("stored record " + row.record.uuid + " is corrupt");
    }
    keys_.open(*record);
    opened_.clear();
    record->SerializeToString(&opened_);
    arena_->Reset();
    body = opened_;
  }
  RecordParts parts;
  try {
    parts = recordParts(body);
    writeFixedCells(row);
    const FormPlan& plan = forms_[form_];
    collectValues(parts.answers, plan.columns, plan.columnIndex, values_);
    for (std::size_t i = 0; i < plan.columns.size(); ++i)
      valueCells(line_, plan.columns[i], values_[i], scratch_);
    endLine(line_);
    if (!parts.answers.empty()) {
      writeRepeats(Uuid::fromBytes(parts.uuid)->toString(), parts.answers, "");
    }
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const StorageError*>(&e) != nullptr) throw;
    throw StorageError("stored record " + row.record.uuid + " is corrupt (" + e.what() + ")");
  }
}

void RecordExport::writeFixedCells(const storage::QueueRow& row) {
  const auto& r = row.record;
  csvCell(line_, r.uuid);
  endCell(line_);
  appendDigits(line_, r.revision, 1);
  endCell(line_);
  for (const std::string* cell : {&r.formVersion, &r.author, &r.deviceId, &r.locationCode}) {
    csvCell(line_, *cell);
    endCell(line_);
  }
  appendCambodianTime(line_, row.createdAtMs);
  endCell(line_);
  appendCambodianTime(line_, r.receivedAtMs);
  endCell(line_);
  csvCell(line_, reviewStateName(reviewState(row.last, r.revision)));
  endCell(line_);
}

void RecordExport::writeRepeats(const std::string& uuid, std::string_view answerSet,
                                const std::string& parentIndex) {
  FormPlan& plan = forms_[form_];
  wire::FieldReader groups(answerSet);
  while (groups.next()) {
    if (groups.field() != 2 || !groups.isBytes()) continue;
    std::string_view name;
    wire::FieldReader fields(groups.bytes());
    while (fields.next()) {
      if (fields.field() == 1 && fields.isBytes()) name = fields.bytes();
    }
    RepeatPlan* repeat = nullptr;
    for (auto& candidate : plan.repeats) {
      if (candidate.name == name) repeat = &candidate;
    }
    if (repeat == nullptr) continue;  // a repeat no published version has
    const auto& index = plan.repeatColumnIndex.find(repeat->name)->second;
    int i = 0;
    wire::FieldReader instances(groups.bytes());
    while (instances.next()) {
      if (instances.field() != 2 || !instances.isBytes()) continue;
      const std::string_view instance = instances.bytes();
      const std::string position =
          (parentIndex.empty() ? "" : parentIndex + ".") + std::to_string(++i);
      std::string& line = repeat->pending;
      line.append(uuid).append(",").append(parentIndex).append(",").append(position).append(",");
      collectValues(instance, repeat->columns, index, values_);
      for (std::size_t c = 0; c < repeat->columns.size(); ++c) {
        valueCells(line, repeat->columns[c], values_[c], scratch_);
      }
      endLine(line);
      writeRepeats(uuid, instance, position);
    }
  }
}

// Writes the repeat rows held back to their spools once more than `above` bytes are waiting.
void RecordExport::flushRepeats(std::size_t above) {
  for (auto& repeat : forms_[form_].repeats) {
    if (repeat.pending.size() > above) {
      spoolWrite(repeat.spool, repeat.pending);
      repeat.pending.clear();
    }
  }
}

bool RecordExport::copySpool() {
  FormPlan& plan = forms_[form_];
  if (repeat_ >= plan.repeats.size()) {
    ++form_;
    phase_ = Phase::StartForm;
    return false;
  }
  RepeatPlan& repeat = plan.repeats[repeat_];
  if (!repeatStarted_) {
    if (std::fflush(repeat.spool) != 0 || std::fseek(repeat.spool, 0, SEEK_SET) != 0) {
      throw StorageError(std::string("the export could not read back its temporary file: ") +
                         std::strerror(errno));
    }
    zip_.beginEntry(fileName(plan.formId + "-" + repeat.name), startedAtMs_);
    repeatStarted_ = true;
  }
  std::string piece = zip_.buffer();
  piece.resize(kSpoolPiece);
  const std::size_t got = std::fread(piece.data(), 1, piece.size(), repeat.spool);
  if (got < piece.size() && std::ferror(repeat.spool)) {
    throw StorageError(std::string("the export could not read back its temporary file: ") +
                       std::strerror(errno));
  }
  piece.resize(got);
  zip_.write(std::move(piece));
  if (got < kSpoolPiece) {
    zip_.endEntry();
    std::fclose(repeat.spool);
    repeat.spool = nullptr;
    ++repeat_;
    repeatStarted_ = false;
  }
  return true;
}

}  // namespace phum::server
