// phum-admin records review: a reviewer's decision or comment on one revision of a record. It
// travels on the change feed to the devices of the record's author only.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "core/clock.h"
#include "core/uuid.h"

namespace phum::admin {

namespace {

phum::v1::ReviewOutcome parseOutcome(const AdminArgs& options) {
  const int chosen = (options.flag("--approve") ? 1 : 0) + (options.flag("--return") ? 1 : 0);
  if (chosen > 1) throw UsageError("give either --approve or --return, not both");
  if (options.flag("--approve")) return phum::v1::REVIEW_OUTCOME_APPROVED;
  if (options.flag("--return")) return phum::v1::REVIEW_OUTCOME_RETURNED;
  if (options.value("--comment")) return phum::v1::REVIEW_OUTCOME_COMMENT;
  throw UsageError("say what the review decided: --approve, --return or --comment TEXT");
}

}  // namespace

int runRecordReview(const std::vector<std::string>& args) {
  const AdminArgs options(args, {"--revision", "--comment", "--field", "--reviewer"},
                          {"--approve", "--return"});
  if (options.positional().size() != 1) {
    throw UsageError("records review needs exactly one record UUID");
  }
  const auto uuid = Uuid::parse(options.positional()[0]);
  if (!uuid) throw UsageError("'" + options.positional()[0] + "' is not a record UUID");
  const int revision = options.number("--revision", 0);
  if (revision < 1) throw UsageError("--revision N (1 or more) is required");
  phum::v1::ReviewDecision decision;
  decision.set_outcome(parseOutcome(options));
  decision.set_record_uuid(uuid->toBytes());
  decision.set_revision(static_cast<std::uint32_t>(revision));
  decision.set_reviewer(options.required("--reviewer"));
  decision.set_comment(options.value("--comment").value_or(""));
  decision.set_field(options.value("--field").value_or(""));
  decision.set_decided_at_ms(nowMillis());

  auto server = openServices(options, true);
  const auto result = server->review().review(decision, adminOrigin());
  switch (result.outcome) {
    case server::ReviewOutcome::NoSuchRevision:
      std::cerr << "phum-admin: the server has no revision " << revision << " of record "
                << uuid->toString() << "; check the UUID and revision (phum-admin records list)\n";
      return 1;
    case server::ReviewOutcome::NoAuthor:
      std::cerr << "phum-admin: record " << uuid->toString()
                << " has no author, so the review cannot be addressed to anyone's tablet\n";
      return 1;
    case server::ReviewOutcome::Sent:
      break;
  }
  std::cout << "review of " << uuid->toString() << " revision " << revision << " sent to "
            << result.author << "'s devices (change " << result.seq << ")\n";
  return 0;
}

}  // namespace phum::admin
