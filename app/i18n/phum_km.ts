<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>AppShell</name>
    <message>
        <location filename="../qml/AppShell.qml" line="60" />
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="60" />
        <source>My records</source>
        <translation>កំណត់ត្រារបស់ខ្ញុំ</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../qml/components/HeaderBar.qml" line="22" />
        <source>Phum</source>
        <translation>ភូមិ</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="10" />
        <source>Phum</source>
        <translation>ភូមិ</translation>
    </message>
</context>
<context>
    <name>NewRecordPage</name>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="61" />
        <source>Name of the person</source>
        <translation>ឈ្មោះអ្នកឆ្លើយ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="71" />
        <source>Full name</source>
        <translation>ឈ្មោះពេញ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="78" />
        <source>Sex</source>
        <translation>ភេទ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="88" />
        <source>Woman</source>
        <translation>ស្រី</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="92" />
        <source>Man</source>
        <translation>ប្រុស</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="102" />
        <source>Age (years)</source>
        <translation>អាយុ (ឆ្នាំ)</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="103" />
        <source>Khmer or English numbers, for example ២៥ or 25</source>
        <translation>លេខខ្មែរ ឬលេខអង់គ្លេស ឧទាហរណ៍ ២៥ ឬ 25</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="121" />
        <source>Village code</source>
        <translation>លេខកូដភូមិ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="122" />
        <source>8 numbers, for example 12010203</source>
        <translation>លេខ ៨ ខ្ទង់ ឧទាហរណ៍ ១២០១០២០៣</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="156" />
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="165" />
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="23" />
        <source>Records cannot be saved on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="33" />
        <source>%1 records</source>
        <translation>កំណត់ត្រា %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="42" />
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="66" />
        <source>No records yet. Press "New record" to start.</source>
        <translation>មិនទាន់មានកំណត់ត្រានៅឡើយទេ។ ចុច «កំណត់ត្រាថ្មី» ដើម្បីចាប់ផ្ដើម។</translation>
    </message>
</context>
<context>
    <name>RecordRow</name>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="36" />
        <source>(no name)</source>
        <translation>(គ្មានឈ្មោះ)</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="44" />
        <source>Village %1 · %2</source>
        <translation>ភូមិ %1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="54" />
        <source>Refused by the office: %1</source>
        <translation>ការិយាល័យមិនទទួលយក៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="54" />
        <source>Not sent: %1</source>
        <translation>មិនទាន់បានផ្ញើ៖ %1</translation>
    </message>
</context>
<context>
    <name>StateChip</name>
    <message>
        <location filename="../qml/components/StateChip.qml" line="15" />
        <source>Sending</source>
        <translation>កំពុងផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="17" />
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="19" />
        <source>Not sent yet</source>
        <translation>ផ្ញើមិនទាន់បាន</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="21" />
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="23" />
        <source>Waiting</source>
        <translation>រង់ចាំ</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="30" />
        <source>Waiting</source>
        <translation>រង់ចាំ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="36" />
        <source>Sending</source>
        <translation>កំពុងផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="42" />
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="48" />
        <source>Not sent yet</source>
        <translation>ផ្ញើមិនទាន់បាន</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="54" />
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="72" />
        <source>Sending…</source>
        <translation>កំពុងផ្ញើ…</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="72" />
        <source>Send now</source>
        <translation>ផ្ញើឥឡូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="81" />
        <source>Last problem: %1</source>
        <translation>បញ្ហាចុងក្រោយ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::RecordDraft</name>
    <message>
        <location filename="../src/record_draft.cpp" line="57" />
        <source>Please write the person's name.</source>
        <translation>សូមសរសេរឈ្មោះរបស់គាត់។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="58" />
        <location filename="../src/record_draft.cpp" line="68" />
        <source>Please choose one.</source>
        <translation>សូមជ្រើសរើសមួយ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="59" />
        <source>Please write the age in years.</source>
        <translation>សូមសរសេរអាយុជាឆ្នាំ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="60" />
        <source>Please write the village code.</source>
        <translation>សូមសរសេរលេខកូដភូមិ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="61" />
        <source>Please fill in this answer.</source>
        <translation>សូមបំពេញចម្លើយនេះ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="65" />
        <source>This is too long. Please write less.</source>
        <translation>វែងពេក។ សូមសរសេរឲ្យខ្លីជាងនេះ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="70" />
        <source>Write a number only, for example 25.</source>
        <translation>សូមសរសេរតែលេខប៉ុណ្ណោះ ឧទាហរណ៍ ២៥។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="74" />
        <source>Write a number from %1 to %2.</source>
        <translation>សូមសរសេរលេខពី %1 ដល់ %2។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="79" />
        <source>The village code has %1 numbers, for example 12010203.</source>
        <translation>លេខកូដភូមិមាន %1 ខ្ទង់ ឧទាហរណ៍ ១២០១០២០៣។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="123" />
        <source>Cannot save: the tablet's storage is not open. Ask your supervisor.</source>
        <translation>មិនអាចរក្សាទុកបានទេ៖ ឃ្លាំងទិន្នន័យលើថេប្លេតមិនបានបើក។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="136" />
        <source>Could not save on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::RecordListModel</name>
    <message>
        <location filename="../src/record_list_model.cpp" line="44" />
        <source>Could not read the records on this tablet: %1</source>
        <translation>មិនអាចអានកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::Session</name>
    <message>
        <location filename="../src/session.cpp" line="20" />
        <source>No data file was given to the app. Ask your supervisor to set it up.</source>
        <translation>កម្មវិធីមិនមានឯកសារទិន្នន័យទេ។ សូមឲ្យអ្នកគ្រប់គ្រងរបស់អ្នករៀបចំវា។</translation>
    </message>
</context>
<context>
    <name>phum::app::SyncController</name>
    <message>
        <location filename="../src/sync_controller.cpp" line="56" />
        <source>Cannot send: the tablet's storage is not open. Ask your supervisor.</source>
        <translation>មិនអាចផ្ញើបានទេ៖ ឃ្លាំងទិន្នន័យលើថេប្លេតមិនបានបើក។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="73" />
        <source>Sending stopped: %1</source>
        <translation>ការផ្ញើបានឈប់៖ %1</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="84" />
        <source>Could not read the records on this tablet: %1</source>
        <translation>មិនអាចអានកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
</TS>
