#pragma once
// Khmer and English words of the reports: the mission forms' choice labels (from the newest
// published version of each form), reference data names (crossing points, agencies), and the
// reports' own titles.
#include <map>
#include <string>
#include <vector>

#include "services/catalog_service.h"

namespace phum::server::reports {

class ReportLabels {
 public:
  ReportLabels(const CatalogService& catalog, std::string language);

  // The label of choice `name` of list `list` in form `formId`; the name itself if unknown.
  std::string choice(const std::string& formId, const std::string& list,
                     const std::string& name) const;
  // Choice names of a list in the form's order.
  std::vector<std::string> order(const std::string& formId, const std::string& list) const;
  // name_km / name_en of a reference row (crossing_points, agencies).
  std::string reference(const std::string& dataset, const std::string& key) const;
  // The reports' own words, by id (report_labels.cpp).
  std::string word(const std::string& id) const;
  const std::string& language() const { return language_; }

 private:
  void loadForm(const std::string& formId) const;
  const CatalogService& catalog_;
  std::string language_;
  // formId -> list -> ordered (name, label)
  mutable std::map<std::string,
                   std::map<std::string, std::vector<std::pair<std::string, std::string>>>>
      forms_;
  mutable std::map<std::string, std::map<std::string, std::string>> references_;
};

}  // namespace phum::server::reports
