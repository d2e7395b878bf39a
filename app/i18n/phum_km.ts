<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>AppShell</name>
    <message>
        <location filename="../qml/AppShell.qml" line="88"/>
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="88"/>
        <source>My records</source>
        <translation>កំណត់ត្រារបស់ខ្ញុំ</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="88"/>
        <source>Sign in</source>
        <translation>ចូលប្រើ</translation>
    </message>
</context>
<context>
    <name>ChooseUserPage</name>
    <message>
        <location filename="../qml/pages/ChooseUserPage.qml" line="16"/>
        <source>Who is using the tablet?</source>
        <translation>តើនរណាកំពុងប្រើថេប្លេតនេះ?</translation>
    </message>
    <message>
        <location filename="../qml/pages/ChooseUserPage.qml" line="44"/>
        <source>New user</source>
        <translation>អ្នកប្រើថ្មី</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../qml/pages/EnrolPage.qml" line="15"/>
        <source>Set up this tablet</source>
        <translation>រៀបចំថេប្លេតនេះ</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnrolPage.qml" line="22"/>
        <source>Type the one-time code that your administrator gave you. The tablet must be online.</source>
        <translation>សូមវាយលេខកូដប្រើម្ដងដែលអ្នកគ្រប់គ្រងបានផ្ដល់ឱ្យអ្នក។ ថេប្លេតត្រូវតែភ្ជាប់អ៊ីនធឺណិត។</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnrolPage.qml" line="29"/>
        <source>Server: %1</source>
        <translation>ម៉ាស៊ីនមេ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnrolPage.qml" line="39"/>
        <source>Enrolment code</source>
        <translation>លេខកូដចុះឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnrolPage.qml" line="48"/>
        <source>Connect this tablet</source>
        <translation>ភ្ជាប់ថេប្លេតនេះ</translation>
    </message>
</context>
<context>
    <name>FirstSignInPage</name>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="20"/>
        <location filename="../qml/pages/FirstSignInPage.qml" line="99"/>
        <source>Sign in</source>
        <translation>ចូលប្រើ</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="27"/>
        <source>The first time, the tablet must be online. After that your PIN is enough.</source>
        <translation>លើកដំបូង ថេប្លេតត្រូវតែភ្ជាប់អ៊ីនធឺណិត។ បន្ទាប់មក មានតែលេខសម្ងាត់ PIN របស់អ្នកក៏គ្រប់គ្រាន់។</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="39"/>
        <source>Username</source>
        <translation>ឈ្មោះអ្នកប្រើ</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="50"/>
        <source>Password</source>
        <translation>ពាក្យសម្ងាត់</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="66"/>
        <source>Choose a PIN</source>
        <translation>ជ្រើសរើសលេខ PIN</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="67"/>
        <source>4 to 8 numbers, Khmer or English</source>
        <translation>លេខ ៤ ដល់ ៨ ខ្ទង់ លេខខ្មែរ ឬលេខអង់គ្លេស</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="81"/>
        <source>Type the PIN again</source>
        <translation>វាយលេខ PIN ម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../qml/pages/FirstSignInPage.qml" line="110"/>
        <source>Back</source>
        <translation>ត្រឡប់ក្រោយ</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../qml/components/HeaderBar.qml" line="26"/>
        <source>Phum</source>
        <translation>ភូមិ</translation>
    </message>
    <message>
        <location filename="../qml/components/HeaderBar.qml" line="52"/>
        <source>Lock</source>
        <translation>ចាក់សោ</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="10"/>
        <source>Phum</source>
        <translation>ភូមិ</translation>
    </message>
</context>
<context>
    <name>NewRecordPage</name>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="61"/>
        <source>Name of the person</source>
        <translation>ឈ្មោះអ្នកឆ្លើយ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="71"/>
        <source>Full name</source>
        <translation>ឈ្មោះពេញ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="78"/>
        <source>Sex</source>
        <translation>ភេទ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="88"/>
        <source>Woman</source>
        <translation>ស្រី</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="92"/>
        <source>Man</source>
        <translation>ប្រុស</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="102"/>
        <source>Age (years)</source>
        <translation>អាយុ (ឆ្នាំ)</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="103"/>
        <source>Khmer or English numbers, for example ២៥ or 25</source>
        <translation>លេខខ្មែរ ឬលេខអង់គ្លេស ឧទាហរណ៍ ២៥ ឬ 25</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="121"/>
        <source>Village code</source>
        <translation>លេខកូដភូមិ</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="122"/>
        <source>8 numbers, for example 12010203</source>
        <translation>លេខ ៨ ខ្ទង់ ឧទាហរណ៍ ១២០១០២០៣</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="156"/>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <location filename="../qml/pages/NewRecordPage.qml" line="165"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="23"/>
        <source>Records cannot be saved on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="33"/>
        <source>%1 records</source>
        <translation>កំណត់ត្រា %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="42"/>
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="66"/>
        <source>No records yet. Press &quot;New record&quot; to start.</source>
        <translation>មិនទាន់មានកំណត់ត្រានៅឡើយទេ។ ចុច «កំណត់ត្រាថ្មី» ដើម្បីចាប់ផ្ដើម។</translation>
    </message>
</context>
<context>
    <name>RecordRow</name>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="36"/>
        <source>(no name)</source>
        <translation>(គ្មានឈ្មោះ)</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="44"/>
        <source>Village %1 · %2</source>
        <translation>ភូមិ %1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="54"/>
        <source>Refused by the office: %1</source>
        <translation>ការិយាល័យមិនទទួលយក៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="54"/>
        <source>Not sent: %1</source>
        <translation>មិនទាន់បានផ្ញើ៖ %1</translation>
    </message>
</context>
<context>
    <name>SignInFlow</name>
    <message>
        <location filename="../qml/pages/SignInFlow.qml" line="62"/>
        <source>Please wait…</source>
        <translation>សូមរង់ចាំ…</translation>
    </message>
</context>
<context>
    <name>StateChip</name>
    <message>
        <location filename="../qml/components/StateChip.qml" line="15"/>
        <source>Sending</source>
        <translation>កំពុងផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="17"/>
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="19"/>
        <source>Not sent yet</source>
        <translation>ផ្ញើមិនទាន់បាន</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="21"/>
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="23"/>
        <source>Waiting</source>
        <translation>រង់ចាំ</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="30"/>
        <source>Waiting</source>
        <translation>រង់ចាំ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="36"/>
        <source>Sending</source>
        <translation>កំពុងផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="42"/>
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="48"/>
        <source>Not sent yet</source>
        <translation>ផ្ញើមិនទាន់បាន</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="54"/>
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="72"/>
        <source>Sending…</source>
        <translation>កំពុងផ្ញើ…</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="72"/>
        <source>Send now</source>
        <translation>ផ្ញើឥឡូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="80"/>
        <source>Last synced: %1</source>
        <translation>បានផ្ញើ និងទទួលចុងក្រោយ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="80"/>
        <source>Not synced yet</source>
        <translation>មិនទាន់បានផ្ញើ និងទទួលនៅឡើយ</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="89"/>
        <source>Last problem: %1</source>
        <translation>បញ្ហាចុងក្រោយ៖ %1</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../qml/pages/UnlockPage.qml" line="34"/>
        <source>Your PIN</source>
        <translation>លេខ PIN របស់អ្នក</translation>
    </message>
    <message>
        <location filename="../qml/pages/UnlockPage.qml" line="50"/>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <location filename="../qml/pages/UnlockPage.qml" line="65"/>
        <source>Forgot PIN? Use password</source>
        <translation>ភ្លេចលេខ PIN? ប្រើពាក្យសម្ងាត់</translation>
    </message>
    <message>
        <location filename="../qml/pages/UnlockPage.qml" line="76"/>
        <source>Another user</source>
        <translation>អ្នកប្រើផ្សេង</translation>
    </message>
</context>
<context>
    <name>phum::app::AccountsController</name>
    <message>
        <location filename="../src/accounts_controller.cpp" line="58"/>
        <source>Could not read the accounts on this tablet: %1</source>
        <translation>មិនអាចអានគណនីនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="82"/>
        <source>Type the code your administrator gave you.</source>
        <translation>សូមវាយលេខកូដដែលអ្នកគ្រប់គ្រងបានផ្ដល់ឱ្យអ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="110"/>
        <source>The PIN must be 4 to 8 digits.</source>
        <translation>លេខ PIN ត្រូវមាន ៤ ដល់ ៨ ខ្ទង់។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="112"/>
        <source>The two PINs are not the same. Type the same PIN twice.</source>
        <translation>លេខ PIN ទាំងពីរមិនដូចគ្នាទេ។ សូមវាយលេខ PIN ដដែលពីរដង។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="116"/>
        <source>This PIN is too easy to guess (like 1111 or 1234). Choose another.</source>
        <translation>លេខ PIN នេះងាយទាយពេក (ដូចជា ១១១១ ឬ ១២៣៤)។ សូមជ្រើសរើសលេខផ្សេង។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="125"/>
        <source>Type your username.</source>
        <translation>សូមវាយឈ្មោះអ្នកប្រើរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="126"/>
        <source>Type your password.</source>
        <translation>សូមវាយពាក្យសម្ងាត់របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="143"/>
        <source>Type your PIN.</source>
        <translation>សូមវាយលេខ PIN របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="158"/>
        <source>Could not lock the tablet: %1</source>
        <translation>មិនអាចចាក់សោថេប្លេតបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="194"/>
        <source>This tablet is enrolled. Now sign in with your username and password.</source>
        <translation>ថេប្លេតនេះបានចុះឈ្មោះហើយ។ ឥឡូវសូមចូលប្រើដោយឈ្មោះអ្នកប្រើ និងពាក្យសម្ងាត់របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="206"/>
        <source>Wrong PIN. You can try %1 more times before you must wait.</source>
        <translation>លេខ PIN ខុស។ អ្នកអាចសាកល្បងបាន %1 ដងទៀត មុននឹងត្រូវរង់ចាំ។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="212"/>
        <source>Too many wrong PINs. Wait %1 minutes (until %2), or sign in again with your password.</source>
        <translation>លេខ PIN ខុសច្រើនដងពេក។ សូមរង់ចាំ %1 នាទី (រហូតដល់ម៉ោង %2) ឬចូលប្រើម្ដងទៀតដោយពាក្យសម្ងាត់របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="218"/>
        <source>This user has not signed in on this tablet yet. Sign in with your password.</source>
        <translation>អ្នកប្រើនេះមិនទាន់បានចូលប្រើលើថេប្លេតនេះនៅឡើយទេ។ សូមចូលប្រើដោយពាក្យសម្ងាត់។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="220"/>
        <source>This account was removed by an administrator. Ask your supervisor.</source>
        <translation>គណនីនេះត្រូវបានអ្នកគ្រប់គ្រងដកចេញ។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="222"/>
        <source>Sign in once with your password (the tablet must be online), then use your PIN.</source>
        <translation>សូមចូលប្រើម្ដងដោយពាក្យសម្ងាត់ (ថេប្លេតត្រូវភ្ជាប់អ៊ីនធឺណិត) បន្ទាប់មកប្រើលេខ PIN របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="234"/>
        <source>Cannot reach the server at %1. Check the internet connection and try again.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេ %1 បានទេ។ សូមពិនិត្យការភ្ជាប់អ៊ីនធឺណិត ហើយសាកល្បងម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="237"/>
        <source>The tablet&apos;s storage failed: %1. Ask your supervisor.</source>
        <translation>ការផ្ទុកទិន្នន័យរបស់ថេប្លេតមានបញ្ហា៖ %1។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="242"/>
        <source>The server did not accept this code. Check it, or ask your administrator for a new one. (%1)</source>
        <translation>ម៉ាស៊ីនមេមិនទទួលយកលេខកូដនេះទេ។ សូមពិនិត្យវាឡើងវិញ ឬសុំលេខកូដថ្មីពីអ្នកគ្រប់គ្រង។ (%1)</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="245"/>
        <source>Wrong username or password. Check them and try again.</source>
        <translation>ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់ខុស។ សូមពិនិត្យ ហើយសាកល្បងម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/accounts_controller.cpp" line="246"/>
        <source>The server refused the sign-in: %1</source>
        <translation>ម៉ាស៊ីនមេមិនអនុញ្ញាតឱ្យចូលប្រើទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::RecordDraft</name>
    <message>
        <location filename="../src/record_draft.cpp" line="57"/>
        <source>Please write the person&apos;s name.</source>
        <translation>សូមសរសេរឈ្មោះរបស់គាត់។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="58"/>
        <location filename="../src/record_draft.cpp" line="68"/>
        <source>Please choose one.</source>
        <translation>សូមជ្រើសរើសមួយ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="59"/>
        <source>Please write the age in years.</source>
        <translation>សូមសរសេរអាយុជាឆ្នាំ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="60"/>
        <source>Please write the village code.</source>
        <translation>សូមសរសេរលេខកូដភូមិ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="61"/>
        <source>Please fill in this answer.</source>
        <translation>សូមបំពេញចម្លើយនេះ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="65"/>
        <source>This is too long. Please write less.</source>
        <translation>វែងពេក។ សូមសរសេរឲ្យខ្លីជាងនេះ។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="70"/>
        <source>Write a number only, for example 25.</source>
        <translation>សូមសរសេរតែលេខប៉ុណ្ណោះ ឧទាហរណ៍ ២៥។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="74"/>
        <source>Write a number from %1 to %2.</source>
        <translation>សូមសរសេរលេខពី %1 ដល់ %2។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="79"/>
        <source>The village code has %1 numbers, for example 12010203.</source>
        <translation>លេខកូដភូមិមាន %1 ខ្ទង់ ឧទាហរណ៍ ១២០១០២០៣។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="123"/>
        <source>Cannot save: the tablet&apos;s storage is not open. Ask your supervisor.</source>
        <translation>មិនអាចរក្សាទុកបានទេ៖ ឃ្លាំងទិន្នន័យលើថេប្លេតមិនបានបើក។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/record_draft.cpp" line="137"/>
        <source>Could not save on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::RecordListModel</name>
    <message>
        <location filename="../src/record_list_model.cpp" line="44"/>
        <source>Could not read the records on this tablet: %1</source>
        <translation>មិនអាចអានកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::Session</name>
    <message>
        <location filename="../src/session.cpp" line="21"/>
        <source>No data file was given to the app. Ask your supervisor to set it up.</source>
        <translation>កម្មវិធីមិនមានឯកសារទិន្នន័យទេ។ សូមឲ្យអ្នកគ្រប់គ្រងរបស់អ្នករៀបចំវា។</translation>
    </message>
</context>
<context>
    <name>phum::app::SyncController</name>
    <message>
        <location filename="../src/sync_controller.cpp" line="132"/>
        <source>Cannot send: the tablet&apos;s storage is not open. Ask your supervisor.</source>
        <translation>មិនអាចផ្ញើបានទេ៖ ឃ្លាំងទិន្នន័យលើថេប្លេតមិនបានបើក។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="151"/>
        <source>Sending stopped: %1</source>
        <translation>ការផ្ញើបានឈប់៖ %1</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="153"/>
        <source>To send your records, lock the tablet and sign in again with your password.</source>
        <translation>ដើម្បីផ្ញើកំណត់ត្រារបស់អ្នក សូមចាក់សោថេប្លេត ហើយចូលប្រើម្ដងទៀតដោយពាក្យសម្ងាត់។</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="163"/>
        <source>Could not write on this tablet: %1</source>
        <translation>មិនអាចសរសេរលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/sync_controller.cpp" line="175"/>
        <location filename="../src/sync_controller.cpp" line="186"/>
        <source>Could not read the records on this tablet: %1</source>
        <translation>មិនអាចអានកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
</TS>
