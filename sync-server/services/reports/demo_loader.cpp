#include "services/reports/demo_loader.h"

#include <stdexcept>

#include "core/clock.h"
#include "core/uuid.h"
#include "services/services.h"

namespace phum::server::reports {

namespace {

constexpr int kBatch = 500;

DemoInputs demoInputs(CatalogService& catalog) {
  DemoInputs inputs;
  for (const auto& form : catalog.listForms()) {  // by id, then publication time: newest last
    if (auto definition = catalog.findForm(form.formId, form.version)) {
      inputs.forms[form.formId] = std::move(*definition);
    }
  }
  inputs.gazetteer = catalog.referenceRows("gazetteer");
  inputs.crossingPoints = catalog.referenceRows("crossing_points");
  inputs.referrals = catalog.referenceRows("referral_directory");
  inputs.agencies = catalog.referenceRows("agencies");
  return inputs;
}

// Pushes and approves one batch, as a reviewer would.
void store(Services& services, phum::v1::PushBatch& batch, const DemoOptions& options) {
  const PushContext context{options.deviceId, options.author, "national"};
  const auto ack = services.ingest().push(batch, context);
  for (int i = 0; i < ack.acks_size(); ++i) {
    const auto& result = ack.acks(i);
    if (result.status() != phum::v1::RECORD_STATUS_ACCEPTED &&
        result.status() != phum::v1::RECORD_STATUS_DUPLICATE) {
      throw std::runtime_error("a generated record was refused: " + result.ShortDebugString());
    }
  }
  const std::int64_t now = nowMillis();
  storage::write(services.database(), [&](storage::Transaction& tx) {
    for (const auto& record : batch.records()) {
      storage::ReviewRow review;
      review.uuid = record.uuid();
      review.revision = record.revision();
      review.decision = "approve";
      review.reviewer = options.author;
      review.comment = "demo data";
      review.decidedAtMs = now;
      tx.reviews().insertReview(review);
    }
  });
  batch.clear_records();
}

}  // namespace

DemoCounts loadDemo(Services& services, std::int64_t records, DemoOptions options,
                    const std::function<void(std::int64_t)>& progress) {
  DemoGenerator generator(demoInputs(services.catalog()), options);
  if (!generator.hasForm("household_survey") || !generator.hasForm("returnee_registration")) {
    throw std::runtime_error(
        "publish the mission forms first (phum-admin forms publish forms/*.xlsform.md)");
  }
  DemoCounts counts;
  phum::v1::PushBatch batch;
  int migrants = 0;
  // Of every 50 records, 10 are returnee slots: one of them holds a trafficking case report and
  // one an agency complaint when those forms are published.
  const bool cases = generator.hasForm("trafficking_case_report");
  const bool complaints = generator.hasForm("agency_complaint");
  for (std::int64_t i = 0; i < records; ++i) {
    if (cases && i % 50 == 24) {
      *batch.add_records() = generator.traffickingCase();
      ++counts.traffickingCases;
    } else if (complaints && i % 50 == 49) {
      *batch.add_records() = generator.agencyComplaint();
      ++counts.complaints;
    } else if (i % 5 == 4) {
      *batch.add_records() = generator.returnee();
      ++counts.returnees;
    } else {
      *batch.add_records() = generator.household(migrants);
      counts.members +=
          batch.records(batch.records_size() - 1).answers().repeats(0).instances_size();
      ++counts.households;
    }
    if (batch.records_size() == kBatch || i + 1 == records) {
      batch.set_batch_id(Uuid::generate().toBytes());
      store(services, batch, options);
      if (progress) progress(i + 1);
    }
  }
  counts.migrants = migrants;
  services.reports().refresh();
  return counts;
}

}  // namespace phum::server::reports
