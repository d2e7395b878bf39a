#include "services/reports/report_labels.h"

#include <array>

namespace phum::server::reports {

namespace {

struct Word {
  const char* id;
  const char* en;
  const char* km;
};

constexpr std::array kWords = {
    Word{"table-2.1", "Table 2.1: migrants by destination country, sex and year of leaving",
         "តារាង ២.១៖ អ្នកចំណាកស្រុកតាមប្រទេសគោលដៅ ភេទ និងឆ្នាំចាកចេញ"},
    Word{"table-2.2", "Table 2.2: irregular migrants by sector",
         "តារាង ២.២៖ អ្នកចំណាកស្រុកមិនស្របច្បាប់តាមវិស័យការងារ"},
    Word{"table-2.3", "Table 2.3: demographic profile of migrants",
         "តារាង ២.៣៖ លក្ខណៈប្រជាសាស្ត្ររបស់អ្នកចំណាកស្រុក"},
    Word{"table-2.4", "Table 2.4: remittances", "តារាង ២.៤៖ ប្រាក់ផ្ញើមកផ្ទះ"},
    Word{"remit_destination", "Households receiving money, and the mean amount, by destination",
         "គ្រួសារដែលទទួលប្រាក់ផ្ញើ និងចំនួនមធ្យម តាមប្រទេសគោលដៅ"},
    Word{"remit_sector", "Households receiving money, and the mean amount, by sector",
         "គ្រួសារដែលទទួលប្រាក់ផ្ញើ និងចំនួនមធ្យម តាមវិស័យការងារ"},
    Word{"remit_channel", "How the money was sent (share of households)",
         "របៀបផ្ញើប្រាក់ (ភាគរយនៃគ្រួសារ)"},
    Word{"remit_spent_on", "What the money was used for", "ការប្រើប្រាស់ប្រាក់ផ្ញើ"},
    Word{"channel", "Channel", "មធ្យោបាយផ្ញើ"},
    Word{"spent_on", "Use", "ការប្រើប្រាស់"},
    Word{"mean_usd", "Mean amount in 12 months (USD)", "ចំនួនមធ្យមក្នុង ១២ ខែ (ដុល្លារ)"},
    Word{"uses_per_household", "A household with several uses is counted under each.",
         "គ្រួសារដែលប្រើប្រាស់ច្រើនបែប ត្រូវរាប់ក្នុងការប្រើប្រាស់នីមួយៗ។"},
    Word{"returnees", "Returnees per crossing point per day", "អ្នកវិលត្រឡប់តាមច្រកព្រំដែនប្រចាំថ្ងៃ"},
    Word{"trafficking", "Trafficking cases", "ករណីជួញដូរមនុស្ស"},
    Word{"complaints", "Complaints per recruitment agency", "ពាក្យបណ្ដឹងតាមក្រុមហ៊ុនជ្រើសរើសពលករ"},
    Word{"notice",
         "Approved records only. * = withheld: fewer than 5 people, or it would reveal such a "
         "count.",
         "តែកំណត់ត្រាដែលបានអនុម័តប៉ុណ្ណោះ។ * = មិនបង្ហាញ៖ តិចជាង ៥ នាក់ ឬអាចបង្ហាញចំនួនបែបនេះ។"},
    Word{"total", "Total", "សរុប"},
    Word{"male", "Male", "ប្រុស"},
    Word{"female", "Female", "ស្រី"},
    Word{"other", "Other or unknown", "ផ្សេងៗ ឬមិនដឹង"},
    Word{"year", "Year of leaving", "ឆ្នាំចាកចេញ"},
    Word{"sector", "Sector", "វិស័យការងារ"},
    Word{"irregular", "Irregular migrants by sector", "អ្នកចំណាកស្រុកមិនស្របច្បាប់តាមវិស័យ"},
    Word{"ageband", "Age", "អាយុ"},
    Word{"under_18", "Under 18", "ក្រោម ១៨ ឆ្នាំ"},
    Word{"18_24", "18 to 24", "១៨ ដល់ ២៤ ឆ្នាំ"},
    Word{"25_34", "25 to 34", "២៥ ដល់ ៣៤ ឆ្នាំ"},
    Word{"35_plus", "35 and over", "៣៥ ឆ្នាំឡើងទៅ"},
    Word{"marital", "Marital status", "ស្ថានភាពអាពាហ៍ពិពាហ៍"},
    Word{"education", "Education", "កម្រិតវប្បធម៌"},
    Word{"reason", "Reason for migrating", "មូលហេតុនៃការចំណាកស្រុក"},
    Word{"decided_by", "Who decided", "អ្នកសម្រេចចិត្តឲ្យចំណាកស្រុក"},
    Word{"day", "Day", "ថ្ងៃ"},
    Word{"crossing_point", "Crossing point", "ច្រកព្រំដែន"},
    Word{"returnees_by_sex", "Returnees per day by sex", "អ្នកវិលត្រឡប់ប្រចាំថ្ងៃតាមភេទ"},
    Word{"surge", "Surge: more than 3 times the mean of the 14 days before",
         "ការកើនឡើងខ្លាំង៖ លើសពី ៣ ដងនៃមធ្យមភាគ ១៤ ថ្ងៃមុន"},
    Word{"exploitation", "Type of exploitation", "ប្រភេទនៃការកេងប្រវ័ញ្ច"},
    Word{"destination", "Destination", "ប្រទេសគោលដៅ"},
    Word{"month", "Month", "ខែ"},
    Word{"minor", "Minors (under 18)", "អនីតិជន (ក្រោម ១៨ ឆ្នាំ)"},
    Word{"minor.yes", "Minor", "អនីតិជន"},
    Word{"minor.no", "Adult", "មនុស្សពេញវ័យ"},
    Word{"referral", "Referral status", "ស្ថានភាពការបញ្ជូន"},
    Word{"referral.referred", "Referred", "បានបញ្ជូន"},
    Word{"referral.not_referred", "Not referred", "មិនទាន់បញ្ជូន"},
    Word{"agency", "Recruitment agency", "ក្រុមហ៊ុនជ្រើសរើសពលករ"},
    Word{"issue", "Complaints per agency by issue", "ពាក្យបណ្ដឹងតាមក្រុមហ៊ុន និងបញ្ហា"},
    Word{"agency_by_sex", "Complaints per agency by sex of the worker",
         "ពាក្យបណ្ដឹងតាមក្រុមហ៊ុន និងភេទរបស់ពលករ"},
    Word{"cases_per_type", "A case with several types is counted under each.",
         "ករណីដែលមានប្រភេទច្រើន ត្រូវរាប់ក្នុងប្រភេទនីមួយៗ។"},
};

}  // namespace

ReportLabels::ReportLabels(const CatalogService& catalog, std::string language)
    : catalog_(catalog), language_(std::move(language)) {}

std::string ReportLabels::word(const std::string& id) const {
  for (const auto& w : kWords) {
    if (id == w.id) return language_ == "en" ? w.en : w.km;
  }
  return id;
}

void ReportLabels::loadForm(const std::string& formId) const {
  if (forms_.count(formId)) return;
  auto& lists = forms_[formId];
  std::string version;
  for (const auto& form : catalog_.listForms()) {
    if (form.formId == formId) version = form.version;  // ordered by publication time
  }
  if (version.empty()) return;
  const auto definition = catalog_.findForm(formId, version);
  if (!definition) return;
  for (const auto& list : definition->choice_lists()) {
    auto& choices = lists[list.list_name()];
    for (const auto& choice : list.choices()) {
      const auto& labels = choice.labels();
      std::string label = choice.name();
      for (const char* lang : {language_.c_str(), "default", "en", "km"}) {
        const auto found = labels.find(lang);
        if (found != labels.end() && !found->second.empty()) {
          label = found->second;
          break;
        }
      }
      choices.emplace_back(choice.name(), label);
    }
  }
}

std::string ReportLabels::choice(const std::string& formId, const std::string& list,
                                 const std::string& name) const {
  loadForm(formId);
  const auto& lists = forms_[formId];
  const auto found = lists.find(list);
  if (found != lists.end()) {
    for (const auto& [key, label] : found->second) {
      if (key == name) return label;
    }
  }
  return name;
}

std::vector<std::string> ReportLabels::order(const std::string& formId,
                                             const std::string& list) const {
  loadForm(formId);
  std::vector<std::string> out;
  const auto& lists = forms_[formId];
  const auto found = lists.find(list);
  if (found != lists.end()) {
    for (const auto& entry : found->second) out.push_back(entry.first);
  }
  return out;
}

std::string ReportLabels::reference(const std::string& dataset, const std::string& key) const {
  if (!references_.count(dataset)) {
    auto& names = references_[dataset];
    const std::string column = language_ == "en" ? "name_en" : "name_km";
    for (const auto& row : catalog_.referenceRows(dataset)) {
      const auto found = row.columns().find(column);
      if (found != row.columns().end()) names[row.key()] = found->second;
    }
  }
  const auto& names = references_[dataset];
  const auto found = names.find(key);
  return found == names.end() ? key : found->second;
}

}  // namespace phum::server::reports
