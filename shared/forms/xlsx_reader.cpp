#include <zip.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <pugixml.hpp>
#include <string_view>
#include <vector>

#include "forms/xlsx_workbook.h"

namespace phum::forms {
namespace {

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

ZipArchive openArchive(const std::string& path) {
  int errorCode = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &errorCode);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, errorCode);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw FormReadError("cannot open " + path + " as an .xlsx workbook: " + reason);
  }
  return ZipArchive(archive);
}

// `bytes` must outlive the archive.
ZipArchive openArchiveBytes(std::string_view bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw FormReadError("cannot open " + name + " as an .xlsx workbook: " + reason);
  }
  zip_error_fini(&error);
  return ZipArchive(archive);
}

// Element names compared without their namespace prefix: most writers use the default
// namespace, but some (.NET's Open XML SDK) write <x:worksheet>, <x:row> and so on.
bool hasLocalName(const pugi::xml_node& node, std::string_view name) {
  const std::string_view full = node.name();
  const std::size_t colon = full.rfind(':');
  return (colon == std::string_view::npos ? full : full.substr(colon + 1)) == name;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node node : parent.children()) {
    if (hasLocalName(node, name)) return node;
  }
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name) {
  std::vector<pugi::xml_node> found;
  for (pugi::xml_node node : parent.children()) {
    if (hasLocalName(node, name)) found.push_back(node);
  }
  return found;
}

// The sheet's relationship id, whatever prefix the relationships namespace has (usually r:id).
std::string relationshipId(const pugi::xml_node& sheet) {
  for (pugi::xml_attribute attribute : sheet.attributes()) {
    const std::string_view name = attribute.name();
    if (name.size() > 3 && name.substr(name.size() - 3) == ":id") return attribute.value();
  }
  return "";
}

// Spreadsheet limits (Excel's): anything beyond is a damaged or hostile file, and honouring it
// would cost gigabytes. A part may unpack to 64 MiB, far more than any form needs.
constexpr std::size_t kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;
constexpr zip_uint64_t kMaxPartBytes = 64ull << 20;
constexpr std::size_t kMaxCells = std::size_t{4} << 20;  // per sheet, empty ones included

// nullopt-like: returns false when the part does not exist; throws on a read failure.
bool readPart(zip_t* archive, const std::string& name, const std::string& path,
              std::string& content) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) != 0) return false;
  if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) {
    throw FormReadError(path + ": part " + name + " unpacks to more than 64 MiB; this is not a " +
                        "form workbook (or it is damaged)");
  }
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (file == nullptr) {
    throw FormReadError(path + ": cannot open part " + name + ": " + zip_strerror(archive));
  }
  content.assign(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t read = zip_fread(file, content.data(), stat.size);
  const std::string reason = read < 0 ? zip_file_strerror(file) : "";
  if (zip_fclose(file) != 0 || read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    throw FormReadError(path + ": cannot read part " + name + " (" +
                        (reason.empty() ? "truncated" : reason) + "); the file may be damaged");
  }
  return true;
}

pugi::xml_document parsePart(zip_t* archive, const std::string& name, const std::string& path,
                             bool required) {
  pugi::xml_document doc;
  std::string content;
  if (!readPart(archive, name, path, content)) {
    if (required) throw FormReadError(path + " is not an .xlsx workbook: it has no " + name);
    return doc;
  }
  const pugi::xml_parse_result parsed = doc.load_buffer(content.data(), content.size());
  if (!parsed) {
    throw FormReadError(path + ": " + name + " is not well-formed XML (" + parsed.description() +
                        " at byte " + std::to_string(parsed.offset) + ")");
  }
  return doc;
}

// The text of a shared string or inline string: plain <t>, or rich-text runs <r><t>.
std::string stringItemText(const pugi::xml_node& item) {
  if (pugi::xml_node t = child(item, "t")) return t.text().get();
  std::string text;
  for (pugi::xml_node run : children(item, "r")) text += child(run, "t").text().get();
  return text;
}

std::vector<std::string> readSharedStrings(zip_t* archive, const std::string& path) {
  std::vector<std::string> strings;
  pugi::xml_document doc = parsePart(archive, "xl/sharedStrings.xml", path, false);
  for (pugi::xml_node item : children(child(doc, "sst"), "si")) {
    strings.push_back(stringItemText(item));
  }
  return strings;
}

std::string cellText(const pugi::xml_node& cell, const std::vector<std::string>& shared,
                     const std::string& path) {
  const std::string type = cell.attribute("t").as_string();
  if (type == "inlineStr") return stringItemText(child(cell, "is"));
  const std::string value = child(cell, "v").text().get();
  if (type == "s") {
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
    if (ec != std::errc() || end != value.data() + value.size() || index >= shared.size()) {
      throw FormReadError(path + ": cell " + cell.attribute("r").as_string() +
                          " refers to a shared string that does not exist; the file is damaged");
    }
    return shared[index];
  }
  if (type == "b") return value == "1" ? "TRUE" : "FALSE";
  return value;  // numbers, formula results ("str") and errors as written
}

Sheet readSheet(const pugi::xml_document& doc, std::string name,
                const std::vector<std::string>& shared, const std::string& path) {
  Sheet sheet;
  sheet.name = std::move(name);
  int nextRow = 1;
  std::size_t cellsRead = 0;
  for (pugi::xml_node rowNode : children(child(child(doc, "worksheet"), "sheetData"), "row")) {
    SheetRow row;
    row.row = rowNode.attribute("r").as_int(nextRow);
    if (row.row < 1 || row.row > kMaxRows) {
      throw FormReadError(path + ": sheet '" + sheet.name + "' has a row numbered " +
                          std::to_string(row.row) + ", outside 1 to 1048576; the file is damaged");
    }
    nextRow = row.row + 1;
    std::size_t nextColumn = 0;
    for (pugi::xml_node cell : children(rowNode, "c")) {
      const char* reference = cell.attribute("r").as_string();
      const std::size_t column =
          *reference != '\0' ? columnIndexFromReference(reference) : nextColumn;
      if (column >= kMaxColumns) {
        throw FormReadError(path + ": sheet '" + sheet.name + "' has a cell beyond column XFD (" +
                            std::string(reference) + "); the file is damaged");
      }
      nextColumn = column + 1;
      if (row.cells.size() <= column) row.cells.resize(column + 1);
      row.cells[column] = cellText(cell, shared, path);
    }
    if (row.blank()) continue;  // formatted but empty rows: rows keep their numbers anyway
    cellsRead += row.cells.size();
    if (cellsRead > kMaxCells) {
      throw FormReadError(path + ": sheet '" + sheet.name + "' has more than " +
                          std::to_string(kMaxCells) + " cells; this is not a form workbook");
    }
    if (sheet.header.empty()) {
      sheet.header = std::move(row.cells);
    } else {
      sheet.rows.push_back(std::move(row));
    }
  }
  std::size_t cells = 0;
  for (const SheetRow& row : sheet.rows) cells += std::max(row.cells.size(), sheet.header.size());
  if (cells > kMaxCells) {
    throw FormReadError(path + ": sheet '" + sheet.name + "' has more than " +
                        std::to_string(kMaxCells) + " cells; this is not a form workbook");
  }
  for (SheetRow& row : sheet.rows) {
    if (row.cells.size() < sheet.header.size()) row.cells.resize(sheet.header.size());
  }
  return sheet;
}

std::string partPath(std::string target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

namespace {

// `path` names the workbook in messages.
Workbook readArchive(const ZipArchive& archive, const std::string& path) {
  Workbook workbook;
  workbook.sourceName = path.substr(path.find_last_of('/') + 1);
  const pugi::xml_document book = parsePart(archive.get(), "xl/workbook.xml", path, true);
  const pugi::xml_document rels =
      parsePart(archive.get(), "xl/_rels/workbook.xml.rels", path, true);
  const std::vector<std::string> shared = readSharedStrings(archive.get(), path);
  for (pugi::xml_node sheetNode : children(child(child(book, "workbook"), "sheets"), "sheet")) {
    const std::string relId = relationshipId(sheetNode);
    pugi::xml_node rel;
    for (pugi::xml_node candidate : children(child(rels, "Relationships"), "Relationship")) {
      if (relId == candidate.attribute("Id").as_string()) rel = candidate;
    }
    if (!rel) {
      throw FormReadError(path + ": sheet '" + sheetNode.attribute("name").as_string() +
                          "' has no worksheet part; the file is damaged");
    }
    const pugi::xml_document sheetDoc =
        parsePart(archive.get(), partPath(rel.attribute("Target").as_string()), path, true);
    workbook.sheets.push_back(
        readSheet(sheetDoc, sheetNode.attribute("name").as_string(), shared, path));
  }
  return workbook;
}

}  // namespace

Workbook readXlsxWorkbook(const std::string& path) { return readArchive(openArchive(path), path); }

Workbook readXlsxWorkbookBytes(std::string_view bytes, const std::string& sourceName) {
  return readArchive(openArchiveBytes(bytes, sourceName), sourceName);
}

}  // namespace phum::forms
