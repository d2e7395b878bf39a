#pragma once
// How a form is cut into screens. Every group is a page, a field-list group with everything in it
// (nested groups become headings on the same page), any other group with its own questions (its
// nested groups are pages of their own). Questions between groups share a page too, so an
// enumerator sees a whole short section at once and relevance shows and hides questions on the
// page she is looking at, instead of one question per screen and a Next tap per answer. A repeat
// is a page listing its entries (count, add, remove, open), followed by the pages of each entry.
// Pages hold only what is shown: metadata (start, today, deviceid...) and unlabelled calculations
// are never on a page.
#include <string>
#include <vector>

#include "forms/engine/form_session.h"

namespace phum::app {

struct FormPage {
  enum class Kind {
    Questions,  // the questions of a group, of a repeat entry, or of the top level
    Repeat,     // the entries of a repeat: how many, add, remove, open
  };
  Kind kind = Kind::Questions;
  // The group or repeat the page shows (its label is the page title); -1 for top-level questions.
  int container = -1;
  std::string prefix;      // path of the scope the items live in: "" or "member[2]/"
  std::vector<int> items;  // field indices in form order; groups here are headings
  // Names the page across restarts and added entries (drafts reopen on it), e.g. "location",
  // "member[2]/migration", "@member", "#intro".
  std::string key;

  std::string path(const forms::engine::FormModel& model, int item) const;
};

// Whether a field appears on a page at all (not metadata, not an unlabelled calculation).
bool shownOnPage(const forms::engine::CompiledField& field);

// The pages of the form as it stands now (entries of repeats depend on the session).
std::vector<FormPage> buildPages(const forms::engine::FormModel& model,
                                 const forms::engine::FormSession& session);

// Whether the page has anything relevant to show now.
bool pageVisible(const FormPage& page, const forms::engine::FormModel& model,
                 const forms::engine::FormSession& session);

// The path of `field` as seen from the scope `prefix` ("" or "member[2]/"): the entries of its
// repeats are the ones `prefix` is in. "" when `prefix` is not inside them (another entry's
// answer cannot be named from here).
std::string scopedPath(const forms::engine::FormModel& model, int field, const std::string& prefix);

// The page showing the field at `path` ("member[2]/age"), or -1.
int pageOfPath(const std::vector<FormPage>& pages, const forms::engine::FormModel& model,
               const std::string& path);

}  // namespace phum::app
