#include <zip.h>

#include <list>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

#include "forms/xlsx_workbook.h"

namespace phum::forms {
namespace {

constexpr std::string_view kSheetOrder[] = {"survey", "choices", "external_choices", "settings",
                                            "entities"};
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

std::string toXml(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_document contentTypes(std::size_t sheetCount) {
  pugi::xml_document doc;
  pugi::xml_node types = doc.append_child("Types");
  types.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
  pugi::xml_node rels = types.append_child("Default");
  rels.append_attribute("Extension") = "rels";
  rels.append_attribute("ContentType") = "application/vnd.openxmlformats-package.relationships+xml";
  pugi::xml_node xml = types.append_child("Default");
  xml.append_attribute("Extension") = "xml";
  xml.append_attribute("ContentType") = "application/xml";
  pugi::xml_node book = types.append_child("Override");
  book.append_attribute("PartName") = "/xl/workbook.xml";
  book.append_attribute("ContentType") =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  for (std::size_t i = 1; i <= sheetCount; ++i) {
    pugi::xml_node sheet = types.append_child("Override");
    sheet.append_attribute("PartName") =
        ("/xl/worksheets/sheet" + std::to_string(i) + ".xml").c_str();
    sheet.append_attribute("ContentType") =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
  }
  return doc;
}

pugi::xml_document packageRels() {
  pugi::xml_document doc;
  pugi::xml_node rels = doc.append_child("Relationships");
  rels.append_attribute("xmlns") = kPackageRelNs;
  pugi::xml_node rel = rels.append_child("Relationship");
  rel.append_attribute("Id") = "rId1";
  rel.append_attribute("Type") =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
  rel.append_attribute("Target") = "xl/workbook.xml";
  return doc;
}

pugi::xml_document workbookPart(const std::vector<const Sheet*>& sheets) {
  pugi::xml_document doc;
  pugi::xml_node book = doc.append_child("workbook");
  book.append_attribute("xmlns") = kMainNs;
  book.append_attribute("xmlns:r") = kRelNs;
  pugi::xml_node list = book.append_child("sheets");
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    pugi::xml_node sheet = list.append_child("sheet");
    sheet.append_attribute("name") = toLowerAscii(trimAscii(sheets[i]->name)).c_str();
    sheet.append_attribute("sheetId") = static_cast<unsigned>(i + 1);
    sheet.append_attribute("r:id") = ("rId" + std::to_string(i + 1)).c_str();
  }
  return doc;
}

pugi::xml_document workbookRels(std::size_t sheetCount) {
  pugi::xml_document doc;
  pugi::xml_node rels = doc.append_child("Relationships");
  rels.append_attribute("xmlns") = kPackageRelNs;
  for (std::size_t i = 1; i <= sheetCount; ++i) {
    pugi::xml_node rel = rels.append_child("Relationship");
    rel.append_attribute("Id") = ("rId" + std::to_string(i)).c_str();
    rel.append_attribute("Type") =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    rel.append_attribute("Target") = ("worksheets/sheet" + std::to_string(i) + ".xml").c_str();
  }
  return doc;
}

void appendRow(pugi::xml_node sheetData, int rowNumber, const std::vector<std::string>& cells) {
  pugi::xml_node row = sheetData.append_child("row");
  row.append_attribute("r") = rowNumber;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    pugi::xml_node cell = row.append_child("c");
    cell.append_attribute("r") = (columnLetter(i) + std::to_string(rowNumber)).c_str();
    cell.append_attribute("t") = "inlineStr";
    pugi::xml_node text = cell.append_child("is").append_child("t");
    text.append_attribute("xml:space") = "preserve";
    text.text().set(cells[i].c_str());
  }
}

pugi::xml_document worksheetPart(const Sheet& sheet) {
  pugi::xml_document doc;
  pugi::xml_node worksheet = doc.append_child("worksheet");
  worksheet.append_attribute("xmlns") = kMainNs;
  pugi::xml_node sheetData = worksheet.append_child("sheetData");
  appendRow(sheetData, 1, sheet.header);
  for (const SheetRow& row : sheet.rows) {
    if (!row.blank()) appendRow(sheetData, row.row, row.cells);
  }
  return doc;
}

class ZipWriter {
 public:
  explicit ZipWriter(const std::string& path) : path_(path) {
    int errorCode = 0;
    archive_ = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &errorCode);
    if (archive_ == nullptr) {
      zip_error_t error;
      zip_error_init_with_code(&error, errorCode);
      std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw FormReadError("cannot create " + path + ": " + reason);
    }
  }
  ~ZipWriter() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void add(const std::string& name, const pugi::xml_document& doc) {
    contents_.push_back(toXml(doc));  // libzip reads the buffer at close time
    const std::string& data = contents_.back();
    zip_source_t* source = zip_source_buffer(archive_, data.data(), data.size(), 0);
    if (source == nullptr || zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      throw FormReadError("cannot add " + name + " to " + path_ + ": " + zip_strerror(archive_));
    }
  }

  void close() {
    if (zip_close(archive_) != 0) {
      throw FormReadError("cannot write " + path_ + ": " + zip_strerror(archive_));
    }
    archive_ = nullptr;
  }

 private:
  std::string path_;
  zip_t* archive_ = nullptr;
  std::list<std::string> contents_;  // stable addresses for zip_source_buffer
};

}  // namespace

void writeXlsxWorkbook(const Workbook& workbook, const std::string& path) {
  std::vector<const Sheet*> sheets;
  for (std::string_view name : kSheetOrder) {
    const Sheet* sheet = workbook.findSheet(name);
    if (sheet != nullptr) sheets.push_back(sheet);
  }
  ZipWriter zip(path);
  zip.add("[Content_Types].xml", contentTypes(sheets.size()));
  zip.add("_rels/.rels", packageRels());
  zip.add("xl/workbook.xml", workbookPart(sheets));
  zip.add("xl/_rels/workbook.xml.rels", workbookRels(sheets.size()));
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", worksheetPart(*sheets[i]));
  }
  zip.close();
}

}  // namespace phum::forms
