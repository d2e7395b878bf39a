// Sealed answers of corrected records (shared/sealing/sealing.h, "phum-sealed-v2"): a correction
// keeps the earlier sealed answers it cannot read, adds the ones answered again, clears the ones
// emptied, per question and repeat instance, across key rotations, and the envelope stays small.
#include <gtest/gtest.h>

#include <algorithm>

#include "sealing/sealing.h"

namespace phum::sealing {
namespace {

namespace v1 = phum::v1;

const std::set<std::string> kSensitive = {"victim_name", "victim_phone", "member_name"};

void answer(v1::AnswerSet& set, const std::string& name, const std::string& text) {
  auto* added = set.add_answers();
  added->set_name(name);
  added->mutable_value()->set_text(text);
}

// A case report: two sealed top-level answers, a plain one, and a roster of two members.
v1::Record caseRecord() {
  v1::Record record;
  record.set_revision(1);
  answer(*record.mutable_answers(), "victim_name", "Srey Pov 4411");
  answer(*record.mutable_answers(), "victim_phone", "012 555 0101");
  answer(*record.mutable_answers(), "district", "0102");
  auto* roster = record.mutable_answers()->add_repeats();
  roster->set_name("member");
  for (const char* name : {"Dara Member 1", "Vanna Member 2"}) {
    auto* instance = roster->add_instances();
    answer(*instance, "member_name", name);
    answer(*instance, "age", "30");
  }
  return record;
}

PublicKey publicOf(const KeyPair& key) { return {key.keyId, key.publicKey}; }

// What the form shows on the tablet for a correction: the plain answers only.
v1::Record correctionOf(const v1::Record& sealed) {
  v1::Record next = sealed;
  next.clear_sealed_answers();
  next.set_revision(sealed.revision() + 1);
  return next;
}

std::string textOf(const v1::AnswerSet& set, const std::string& name) {
  std::string found = "(none)";
  for (const auto& each : set.answers())
    if (each.name() == name) found = found == "(none)" ? each.value().text() : "(twice)";
  return found;
}

v1::Record opened(v1::Record record, const std::vector<KeyPair>& keys) {
  unsealAnswers(record, [&keys](const std::string& id) -> const KeyPair* {
    const auto found = std::ranges::find(keys, id, &KeyPair::keyId);
    return found == keys.end() ? nullptr : &*found;
  });
  return record;
}

TEST(SealedEnvelope, ACorrectionKeepsTheSealedAnswersItDidNotChange) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  ASSERT_TRUE(first.sealed_answers().starts_with("phum-sealed-v1"));

  auto second = correctionOf(first);
  answer(*second.mutable_answers(), "victim_phone", "097 777 0202");
  ASSERT_TRUE(sealCorrection(second, kSensitive, first.sealed_answers(), {}, publicOf(key)));
  ASSERT_TRUE(second.sealed_answers().starts_with("phum-sealed-v2"));
  EXPECT_EQ(second.SerializeAsString().find("097 777"), std::string::npos);
  EXPECT_EQ(textOf(second.answers(), "victim_phone"), "(none)");  // moved into the box
  // The question's name is in clear (a v1 box names none).
  const auto slots = envelopeSlots(second.sealed_answers());
  EXPECT_FALSE(slots.allKnown);
  EXPECT_EQ(slots.named, std::set<std::string>{"victim_phone"});

  const auto result = opened(second, {key});
  EXPECT_EQ(textOf(result.answers(), "victim_name"), "Srey Pov 4411");
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "097 777 0202");
  EXPECT_EQ(textOf(result.answers(), "district"), "0102");
  ASSERT_EQ(result.answers().repeats_size(), 1);
  ASSERT_EQ(result.answers().repeats(0).instances_size(), 2);
  EXPECT_EQ(textOf(result.answers().repeats(0).instances(1), "member_name"), "Vanna Member 2");
  EXPECT_TRUE(result.sealed_answers().empty());
}

TEST(SealedEnvelope, NothingAnsweredAgainSendsTheSameEnvelope) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  auto second = correctionOf(first);
  EXPECT_FALSE(sealCorrection(second, kSensitive, first.sealed_answers(), {}, std::nullopt));
  EXPECT_EQ(second.sealed_answers(), first.sealed_answers());
}

TEST(SealedEnvelope, ReplacementIsPerRepeatInstanceAndAClearedQuestionIsGone) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  auto second = correctionOf(first);
  // The second member's name answered again; the phone emptied; nothing else touched.
  auto* roster = second.mutable_answers()->mutable_repeats(0);
  answer(*roster->mutable_instances(1), "member_name", "Vanna Corrected");
  ASSERT_TRUE(
      sealCorrection(second, kSensitive, first.sealed_answers(), {"victim_phone"}, publicOf(key)));
  EXPECT_EQ(envelopeSlots(second.sealed_answers()).named,
            (std::set<std::string>{"member[2]/member_name", "victim_phone"}));
  const auto result = opened(second, {key});
  EXPECT_EQ(textOf(result.answers(), "victim_name"), "Srey Pov 4411");
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "(none)");
  const auto& members = result.answers().repeats(0);
  ASSERT_EQ(members.instances_size(), 2);
  EXPECT_EQ(textOf(members.instances(0), "member_name"), "Dara Member 1");
  EXPECT_EQ(textOf(members.instances(1), "member_name"), "Vanna Corrected");
  EXPECT_EQ(textOf(members.instances(1), "age"), "30");
}

// The slots a correction empties go in a box of their own that seals no answer, so the tablet,
// which cannot open any box, knows from the envelope that nothing is sealed for them any more
// (also with the first, v1, box kept), until a later correction answers them again.
TEST(SealedEnvelope, AnEmptiedQuestionIsKnownAsEmptiedUntilAnsweredAgain) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  auto second = correctionOf(first);
  answer(*second.mutable_answers()->mutable_repeats(0)->mutable_instances(1), "member_name",
         "Vanna Corrected");
  ASSERT_TRUE(
      sealCorrection(second, kSensitive, first.sealed_answers(), {"victim_phone"}, publicOf(key)));
  auto slots = envelopeSlots(second.sealed_answers());
  EXPECT_FALSE(slots.allKnown);
  EXPECT_EQ(slots.emptied, std::set<std::string>{"victim_phone"});
  auto result = opened(second, {key});
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "(none)");
  EXPECT_EQ(textOf(result.answers().repeats(0).instances(1), "member_name"), "Vanna Corrected");
  EXPECT_EQ(textOf(result.answers(), "victim_name"), "Srey Pov 4411");

  auto third = correctionOf(second);
  answer(*third.mutable_answers(), "victim_phone", "097 777 0303");
  ASSERT_TRUE(sealCorrection(third, kSensitive, second.sealed_answers(), {}, publicOf(key)));
  slots = envelopeSlots(third.sealed_answers());
  EXPECT_TRUE(slots.emptied.empty());
  EXPECT_TRUE(slots.named.contains("victim_phone"));
  result = opened(third, {key});
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "097 777 0303");
  EXPECT_EQ(textOf(result.answers().repeats(0).instances(1), "member_name"), "Vanna Corrected");
}

TEST(SealedEnvelope, AnEntryRemovedAndItsSlotsClearedComesNotBack) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  auto second = correctionOf(first);
  // The first member removed: the second moves up, and both sealed slots are replaced.
  auto* roster = second.mutable_answers()->mutable_repeats(0);
  roster->mutable_instances()->DeleteSubrange(0, 1);
  answer(*roster->mutable_instances(0), "member_name", "Vanna Member 2");
  ASSERT_TRUE(sealCorrection(second, kSensitive, first.sealed_answers(), {"member[2]/member_name"},
                             publicOf(key)));
  const auto result = opened(second, {key});
  ASSERT_EQ(result.answers().repeats(0).instances_size(), 1);
  EXPECT_EQ(textOf(result.answers().repeats(0).instances(0), "member_name"), "Vanna Member 2");
}

TEST(SealedEnvelope, EachBoxOpensWithItsOwnKeyAfterARotation) {
  const auto old = newKeyPair();
  const auto rotated = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(old)));
  auto second = correctionOf(first);
  answer(*second.mutable_answers(), "victim_name", "Srey Pov Corrected");
  ASSERT_TRUE(sealCorrection(second, kSensitive, first.sealed_answers(), {}, publicOf(rotated)));
  EXPECT_EQ(sealingKeyIds(second), (std::vector<std::string>{old.keyId, rotated.keyId}));
  EXPECT_EQ(sealingKeyId(second), rotated.keyId);
  const auto result = opened(second, {old, rotated});
  EXPECT_EQ(textOf(result.answers(), "victim_name"), "Srey Pov Corrected");
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "012 555 0101");
  // Without the old key nothing opens, and the record is left as it was.
  auto kept = second;
  EXPECT_THROW(
      unsealAnswers(
          kept, [&](const std::string& id) { return id == rotated.keyId ? &rotated : nullptr; }),
      SealingError);
  EXPECT_EQ(kept.SerializeAsString(), second.SerializeAsString());
  // A box answered again with no key on the tablet cannot be sealed: refused, not sent in clear.
  auto third = correctionOf(second);
  answer(*third.mutable_answers(), "victim_phone", "011 000 0303");
  EXPECT_THROW(sealCorrection(third, kSensitive, second.sealed_answers(), {}, std::nullopt),
               SealingError);
}

TEST(SealedEnvelope, ManyCorrectionsDoNotGrowTheEnvelope) {
  const auto key = newKeyPair();
  auto record = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(record, kSensitive, publicOf(key)));
  std::size_t afterTwo = 0;
  for (int round = 0; round < 20; ++round) {
    auto next = correctionOf(record);
    answer(*next.mutable_answers(), round % 2 ? "victim_name" : "victim_phone",
           "Correction " + std::to_string(round));
    ASSERT_TRUE(sealCorrection(next, kSensitive, record.sealed_answers(), {}, publicOf(key)));
    record = next;
    if (round == 1) afterTwo = record.sealed_answers().size();
  }
  // The v1 box (its slots unknown) and one box per question answered again: never more.
  EXPECT_EQ(sealingKeyIds(record).size(), 3u);
  EXPECT_LE(record.sealed_answers().size(), afterTwo + 8);
  const auto result = opened(record, {key});
  EXPECT_EQ(textOf(result.answers(), "victim_name"), "Correction 19");
  EXPECT_EQ(textOf(result.answers(), "victim_phone"), "Correction 18");
  EXPECT_EQ(textOf(result.answers().repeats(0).instances(0), "member_name"), "Dara Member 1");
  // Both named at once: the two earlier v2 boxes are replaced and dropped.
  auto both = correctionOf(record);
  answer(*both.mutable_answers(), "victim_name", "Both A");
  answer(*both.mutable_answers(), "victim_phone", "Both B");
  ASSERT_TRUE(sealCorrection(both, kSensitive, record.sealed_answers(), {}, publicOf(key)));
  EXPECT_EQ(sealingKeyIds(both).size(), 2u);
  EXPECT_EQ(textOf(opened(both, {key}).answers(), "victim_phone"), "Both B");
}

TEST(SealedEnvelope, DamagedEnvelopesAreRefused) {
  const auto key = newKeyPair();
  auto first = caseRecord();
  ASSERT_TRUE(sealSensitiveAnswers(first, kSensitive, publicOf(key)));
  auto second = correctionOf(first);
  answer(*second.mutable_answers(), "victim_name", "Changed");
  ASSERT_TRUE(sealCorrection(second, kSensitive, first.sealed_answers(), {}, publicOf(key)));
  for (const std::string& damaged :
       {std::string("phum-sealed-v2"), std::string("phum-sealed-v2garbage"),
        second.sealed_answers().substr(0, second.sealed_answers().size() - 5),
        std::string("phum-sealed-v3") + second.sealed_answers().substr(14)}) {
    auto record = second;
    record.set_sealed_answers(damaged);
    EXPECT_THROW(unsealAnswers(record, key), SealingError) << damaged.size();
  }
}

}  // namespace
}  // namespace phum::sealing
