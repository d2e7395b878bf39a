<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>AcknowledgeQuestion</name>
    <message>
        <location filename="../qml/components/form/AcknowledgeQuestion.qml" line="21"/>
        <source>Yes, confirmed</source>
        <translation>បាទ/ចាស បានបញ្ជាក់</translation>
    </message>
</context>
<context>
    <name>AppShell</name>
    <message>
        <location filename="../qml/AppShell.qml" line="154"/>
        <source>Sign in</source>
        <translation>ចូលប្រើ</translation>
    </message>
</context>
<context>
    <name>BarcodeQuestion</name>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/BarcodeQuestion.qml" line="37"/>
        <source>Scan or type the code</source>
        <translation>ស្កេន ឬវាយបញ្ចូលលេខកូដ</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/CameraView.qml" line="58"/>
        <source>Hold the code inside the picture; it is read by itself.</source>
        <translation>សូមដាក់កូដឱ្យនៅក្នុងរូបភាព វានឹងត្រូវបានអានដោយស្វ័យប្រវត្តិ។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/CameraView.qml" line="82"/>
        <source>Take the photo</source>
        <translation>ថតរូបឥឡូវ</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/CameraView.qml" line="90"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>ChoiceQuestion</name>
    <message>
        <location filename="../qml/components/form/ChoiceQuestion.qml" line="68"/>
        <source>Search the list</source>
        <translation>ស្វែងរកក្នុងបញ្ជី</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ChoiceQuestion.qml" line="107"/>
        <source>Nothing in the list matches &quot;%1&quot;.</source>
        <translation>គ្មានអ្វីក្នុងបញ្ជីត្រូវនឹង &quot;%1&quot; ទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ChoiceQuestion.qml" line="96"/>
        <source>%1 is on the watch list: workers have complained about this agency. Tell the worker, check their contract and what they paid, and consider a referral.</source>
        <translation>%1 ស្ថិតក្នុងបញ្ជីតាមដាន៖ ពលករបានប្ដឹងអំពីក្រុមហ៊ុននេះ។ សូមប្រាប់ពលករ ពិនិត្យកិច្ចសន្យា និងប្រាក់ដែលគាត់បានបង់ ហើយពិចារណាការបញ្ជូនបន្ត។</translation>
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
    <name>CodeScanButtons</name>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/CodeScanButtons.qml" line="31"/>
        <source>Scan with the camera</source>
        <translation>ស្កេនដោយកាមេរ៉ា</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/CodeScanButtons.qml" line="38"/>
        <source>Read it from a picture</source>
        <translation>អានពីរូបភាព</translation>
    </message>
</context>
<context>
    <name>ConfirmButton</name>
    <message>
        <location filename="../qml/components/ConfirmButton.qml" line="59"/>
        <source>No, keep it</source>
        <translation>ទេ ទុកវាដដែល</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <location filename="../qml/components/form/DatePicker.qml" line="42"/>
        <source>Previous year</source>
        <translation>ឆ្នាំមុន</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DatePicker.qml" line="50"/>
        <source>Previous month</source>
        <translation>ខែមុន</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DatePicker.qml" line="56"/>
        <source>%1 %2</source>
        <comment>month name, year</comment>
        <translation>ខែ%1 ឆ្នាំ%2</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DatePicker.qml" line="68"/>
        <source>Next month</source>
        <translation>ខែបន្ទាប់</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DatePicker.qml" line="76"/>
        <source>Next year</source>
        <translation>ឆ្នាំបន្ទាប់</translation>
    </message>
</context>
<context>
    <name>DateTimeQuestion</name>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="43"/>
        <source>Not answered yet</source>
        <translation>មិនទាន់បានឆ្លើយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="60"/>
        <source>Today</source>
        <translation>ថ្ងៃនេះ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="68"/>
        <source>Now</source>
        <translation>ឥឡូវនេះ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="75"/>
        <source>Close the calendar</source>
        <translation>បិទប្រតិទិន</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="75"/>
        <source>Another day</source>
        <translation>ថ្ងៃផ្សេងទៀត</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="85"/>
        <source>Close the clock</source>
        <translation>បិទនាឡិកា</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="85"/>
        <source>Choose the time</source>
        <translation>ជ្រើសរើសម៉ោង</translation>
    </message>
    <message>
        <location filename="../qml/components/form/DateTimeQuestion.qml" line="95"/>
        <source>Clear</source>
        <translation>លុបចម្លើយ</translation>
    </message>
</context>
<context>
    <name>DraftRow</name>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="52"/>
        <source>Correction</source>
        <translation>ការកែតម្រូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="52"/>
        <source>changed %1</source>
        <translation>បានកែប្រែ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="77"/>
        <source>Continue</source>
        <translation>បន្ត</translation>
    </message>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="83"/>
        <source>Delete</source>
        <translation>លុប</translation>
    </message>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="84"/>
        <source>Delete this draft and every answer in it? This cannot be undone.</source>
        <translation>លុបសេចក្ដីព្រាងនេះ និងចម្លើយទាំងអស់ក្នុងនោះ? មិនអាចយកមកវិញបានទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/DraftRow.qml" line="85"/>
        <source>Yes, delete it</source>
        <translation>បាទ/ចាស លុបវាចោល</translation>
    </message>
    <message>
        <source>Stopped at: %1</source>
        <translation>ឈប់នៅ៖ %1</translation>
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
    <message>
        <location filename="../../../work/wt/device/app/qml/pages/EnrolPage.qml" line="24"/>
        <source>Scan the QR code or type the one-time code that your administrator gave you. The tablet must be online.</source>
        <translation>សូមស្កេនកូដ QR ឬវាយលេខកូដប្រើម្ដងដែលអ្នកគ្រប់គ្រងបានផ្ដល់ឱ្យអ្នក។ ថេប្លេតត្រូវតែភ្ជាប់អ៊ីនធឺណិត។</translation>
    </message>
</context>
<context>
    <name>FinishPanel</name>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="29"/>
        <source>This record is shown as it was saved. It cannot be changed here.</source>
        <translation>កំណត់ត្រានេះបង្ហាញដូចពេលដែលបានរក្សាទុក។ មិនអាចកែប្រែនៅទីនេះបានទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="29"/>
        <source>Every answer is complete. Finalize the record to send it to the office.</source>
        <translation>ចម្លើយទាំងអស់បានបំពេញរួចរាល់។ សូមបញ្ចប់កំណត់ត្រានេះ ដើម្បីផ្ញើទៅការិយាល័យ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="29"/>
        <source>Answers to look at before the record can be finalized: %1</source>
        <translation>ចម្លើយដែលត្រូវពិនិត្យ មុនពេលអាចបញ្ចប់កំណត់ត្រានេះបាន៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="40"/>
        <source>Go to the first problem</source>
        <translation>ទៅកាន់បញ្ហាទីមួយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="47"/>
        <source>This corrects a record that was sent before: finalizing sends the corrected record as a new revision.</source>
        <translation>នេះជាការកែតម្រូវកំណត់ត្រាដែលបានផ្ញើពីមុន៖ ការបញ្ចប់នឹងផ្ញើកំណត់ត្រាដែលបានកែតម្រូវជាកំណែថ្មី។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="58"/>
        <source>Finalize</source>
        <translation>បញ្ចប់</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="68"/>
        <source>Keep as a draft for later</source>
        <translation>ទុកជាសេចក្ដីព្រាងសម្រាប់ពេលក្រោយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="78"/>
        <source>Delete this draft</source>
        <translation>លុបសេចក្ដីព្រាងនេះ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="79"/>
        <source>Delete this draft and every answer in it? This cannot be undone.</source>
        <translation>លុបសេចក្ដីព្រាងនេះ និងចម្លើយទាំងអស់ក្នុងនោះ? មិនអាចយកមកវិញបានទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FinishPanel.qml" line="80"/>
        <source>Yes, delete it</source>
        <translation>បាទ/ចាស លុបវាចោល</translation>
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
    <name>FormChooserPage</name>
    <message>
        <location filename="../qml/pages/FormChooserPage.qml" line="14"/>
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/FormChooserPage.qml" line="53"/>
        <source>Not finished yet (%1)</source>
        <translation>មិនទាន់បញ្ចប់ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/FormChooserPage.qml" line="82"/>
        <source>Start a new form</source>
        <translation>ចាប់ផ្ដើមទម្រង់ថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/FormChooserPage.qml" line="108"/>
        <source>Only the quick registration is on this tablet. Press &quot;Send now&quot; when there is a connection to download the other forms.</source>
        <translation>មានតែការចុះឈ្មោះរហ័សនៅលើថេប្លេតនេះ។ សូមចុច &quot;ផ្ញើឥឡូវ&quot; ពេលមានការតភ្ជាប់ ដើម្បីទាញយកទម្រង់ផ្សេងទៀត។</translation>
    </message>
</context>
<context>
    <name>FormNavBar</name>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="46"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="46"/>
        <source>Keep for later</source>
        <translation>ទុកសិន</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="31"/>
        <source>Answers to look at on this page: %1</source>
        <translation>ចម្លើយដែលត្រូវពិនិត្យនៅលើទំព័រនេះ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="60"/>
        <source>Back</source>
        <translation>ត្រឡប់ក្រោយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="71"/>
        <source>Next anyway</source>
        <translation>បន្តទោះយ៉ាងណា</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormNavBar.qml" line="71"/>
        <source>Next</source>
        <translation>បន្ទាប់</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <location filename="../qml/pages/FormPage.qml" line="28"/>
        <source>Form</source>
        <translation>ទម្រង់</translation>
    </message>
    <message>
        <location filename="../qml/pages/FormPage.qml" line="69"/>
        <source>This record is shown as it was saved. It cannot be changed here.</source>
        <translation>កំណត់ត្រានេះបង្ហាញដូចពេលដែលបានរក្សាទុក។ មិនអាចកែប្រែនៅទីនេះបានទេ។</translation>
    </message>
</context>
<context>
    <name>FormProgress</name>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="41"/>
        <source>Not saved</source>
        <translation>មិនទាន់រក្សាទុក</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="41"/>
        <source>Saving…</source>
        <translation>កំពុងរក្សាទុក…</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="41"/>
        <source>Saved on this tablet</source>
        <translation>បានរក្សាទុកនៅលើថេប្លេតនេះ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="63"/>
        <source>Last step</source>
        <translation>ជំហានចុងក្រោយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="63"/>
        <source>Page %1 of %2</source>
        <translation>ទំព័រ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../qml/components/form/FormProgress.qml" line="77"/>
        <source>Answers to look at: %1</source>
        <translation>ចម្លើយដែលត្រូវពិនិត្យ៖ %1</translation>
    </message>
</context>
<context>
    <name>FormTexts</name>
    <message>
        <location filename="../src/form_texts.cpp" line="106"/>
        <source>Write a whole number, for example 25.</source>
        <translation>សរសេរតែចំនួនគត់ ឧទាហរណ៍ ២៥។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="108"/>
        <source>Write a number, for example 2.5.</source>
        <translation>សរសេរលេខ ឧទាហរណ៍ ២.៥។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="110"/>
        <source>Choose the date again.</source>
        <translation>សូមជ្រើសរើសកាលបរិច្ឆេទម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="112"/>
        <source>Choose the date and the time again.</source>
        <translation>សូមជ្រើសរើសកាលបរិច្ឆេទ និងម៉ោងម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="114"/>
        <source>Choose the time again.</source>
        <translation>សូមជ្រើសរើសម៉ោងម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="116"/>
        <source>Write the latitude (-90 to 90) and the longitude (-180 to 180).</source>
        <translation>សរសេររយៈទទឹង (-៩០ ដល់ ៩០) និងរយៈបណ្ដោយ (-១៨០ ដល់ ១៨០)។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="118"/>
        <source>This answer cannot be used. Please answer again.</source>
        <translation>ចម្លើយនេះមិនអាចប្រើបានទេ។ សូមឆ្លើយម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="130"/>
        <source>Please answer this question.</source>
        <translation>សូមឆ្លើយសំណួរនេះ។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="132"/>
        <source>Choose one of the answers shown.</source>
        <translation>សូមជ្រើសរើសចម្លើយមួយក្នុងចំណោមចម្លើយដែលបង្ហាញ។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="134"/>
        <source>The form cannot check this answer (%1). Tell your supervisor.</source>
        <translation>ទម្រង់មិនអាចពិនិត្យចម្លើយនេះបានទេ (%1)។ សូមប្រាប់អ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/form_texts.cpp" line="138"/>
        <source>This answer is not allowed by the form&apos;s rules.</source>
        <translation>ចម្លើយនេះមិនត្រូវតាមច្បាប់របស់ទម្រង់ទេ។</translation>
    </message>
</context>
<context>
    <name>GeopointQuestion</name>
    <message>
        <location filename="../qml/components/form/GeopointQuestion.qml" line="39"/>
        <source>Measure the position</source>
        <translation>វាស់ទីតាំង</translation>
    </message>
    <message>
        <location filename="../qml/components/form/GeopointQuestion.qml" line="49"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../qml/components/form/GeopointQuestion.qml" line="68"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/GeopointQuestion.qml" line="55"/>
        <source>Position %1, %2</source>
        <translation>ទីតាំង %1, %2</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/GeopointQuestion.qml" line="55"/>
        <source>accuracy %1 m</source>
        <translation>ភាពត្រឹមត្រូវ %1 ម៉ែត្រ</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/GeopointQuestion.qml" line="65"/>
        <source>Measure again</source>
        <translation>វាស់ម្ដងទៀត</translation>
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
    <name>HomePage</name>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="25"/>
        <source>Home</source>
        <translation>ទំព័រដើម</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="81"/>
        <source>Records cannot be saved on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="94"/>
        <source>My records (%1)</source>
        <translation>កំណត់ត្រារបស់ខ្ញុំ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="101"/>
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="111"/>
        <source>Nothing is waiting for you. Start a form below.</source>
        <translation>គ្មានអ្វីរង់ចាំអ្នកទេ។ សូមចាប់ផ្ដើមទម្រង់ខាងក្រោម។</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="121"/>
        <source>Returned for correction (%1)</source>
        <translation>បានប្រគល់មកវិញដើម្បីកែតម្រូវ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="137"/>
        <source>Refused by the office (%1)</source>
        <translation>ការិយាល័យបានបដិសេធ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="153"/>
        <source>Not finished yet (%1)</source>
        <translation>មិនទាន់បញ្ចប់ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HomePage.qml" line="175"/>
        <source>Start a new form</source>
        <translation>ចាប់ផ្ដើមទម្រង់ថ្មី</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>ការកំណត់</translation>
    </message>
</context>
<context>
    <name>ImageQuestion</name>
    <message>
        <location filename="../qml/components/form/ImageQuestion.qml" line="80"/>
        <source>Photo sealed for the reviewers</source>
        <translation>រូបថត​ត្រូវ​បាន​បិទ​ជា​សម្ងាត់​សម្រាប់​អ្នក​ពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ImageQuestion.qml" line="31"/>
        <source>Take a photo</source>
        <translation>ថតរូប</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ImageQuestion.qml" line="31"/>
        <source>Take it again</source>
        <translation>ថតម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ImageQuestion.qml" line="37"/>
        <source>No photo yet</source>
        <translation>មិនទាន់មានរូបថត</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/ImageQuestion.qml" line="80"/>
        <source>Photo sent: the server checked it.</source>
        <translation>រូបថតបានផ្ញើហើយ៖ ម៉ាស៊ីនមេបានពិនិត្យវា។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/ImageQuestion.qml" line="80"/>
        <source>Photo waiting to be sent: %1 of %2 KB.</source>
        <translation>រូបថតកំពុងរង់ចាំផ្ញើ៖ %1 នៃ %2 KB។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/ImageQuestion.qml" line="103"/>
        <source>Choose a picture</source>
        <translation>ជ្រើសរើសរូបភាព</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/form/ImageQuestion.qml" line="117"/>
        <source>Remove the photo</source>
        <translation>ដករូបថតចេញ</translation>
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
    <name>OpenProblem</name>
    <message>
        <location filename="../qml/components/form/OpenProblem.qml" line="38"/>
        <source>Back</source>
        <translation>ត្រឡប់ក្រោយ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/OpenProblem.qml" line="45"/>
        <source>Delete this draft</source>
        <translation>លុបសេចក្ដីព្រាងនេះ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/OpenProblem.qml" line="46"/>
        <source>Delete this draft and every answer in it? This cannot be undone.</source>
        <translation>លុបសេចក្ដីព្រាងនេះ និងចម្លើយទាំងអស់ក្នុងនោះ? មិនអាចយកមកវិញបានទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/OpenProblem.qml" line="47"/>
        <source>Yes, delete it</source>
        <translation>បាទ/ចាស លុបវាចោល</translation>
    </message>
</context>
<context>
    <name>PicturePicker</name>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PicturePicker.qml" line="24"/>
        <source>Tap a picture from %1</source>
        <translation>សូមចុចលើរូបភាពមួយពី %1</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PicturePicker.qml" line="24"/>
        <source>There are no pictures in %1. Copy the picture onto the tablet first.</source>
        <translation>មិនមានរូបភាពនៅក្នុង %1 ទេ។ សូមចម្លងរូបភាពទៅក្នុងថេប្លេតជាមុនសិន។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PicturePicker.qml" line="75"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>PositionPanel</name>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="44"/>
        <source>Accuracy now: %1 m</source>
        <translation>ភាពត្រឹមត្រូវឥឡូវ៖ %1 ម៉ែត្រ</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="44"/>
        <source>Waiting for the first reading…</source>
        <translation>កំពុងរង់ចាំការវាស់លើកដំបូង…</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="55"/>
        <source>Waiting until the accuracy is better than %1 m. Stand outside, away from roofs and trees.</source>
        <translation>កំពុងរង់ចាំរហូតដល់ភាពត្រឹមត្រូវល្អជាង %1 ម៉ែត្រ។ សូមឈរនៅខាងក្រៅ ឆ្ងាយពីដំបូល និងដើមឈើ។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="57"/>
        <source>The GPS signal was lost. Go outside, away from roofs and trees, and try again.</source>
        <translation>សញ្ញា GPS បានបាត់។ សូមចេញទៅខាងក្រៅ ឆ្ងាយពីដំបូល និងដើមឈើ ហើយព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="59"/>
        <source>This tablet cannot measure its position: GPS is off or missing. Turn on location in the tablet&apos;s settings, or type the position below.</source>
        <translation>ថេប្លេតនេះមិនអាចវាស់ទីតាំងរបស់វាបានទេ៖ GPS ត្រូវបានបិទ ឬមិនមាន។ សូមបើកទីតាំងនៅក្នុងការកំណត់របស់ថេប្លេត ឬវាយបញ្ចូលទីតាំងខាងក្រោម។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="59"/>
        <source>This tablet cannot measure its position: GPS is off or missing. This question is not required: you can go on without a position.</source>
        <translation>ថេប្លេតនេះមិនអាចវាស់ទីតាំងរបស់វាបានទេ៖ GPS ត្រូវបានបិទ ឬមិនមាន។ សំណួរនេះមិនតម្រូវទេ៖ អ្នកអាចបន្តដោយគ្មានទីតាំង។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="81"/>
        <source>Use this reading (%1 m)</source>
        <translation>ប្រើការវាស់នេះ (%1 ម៉ែត្រ)</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="90"/>
        <source>Try again</source>
        <translation>ព្យាយាមម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="96"/>
        <source>Go on without a position</source>
        <translation>បន្តដោយគ្មានទីតាំង</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/qml/components/capture/PositionPanel.qml" line="96"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>QuestionFrame</name>
    <message>
        <source>Sealed: only authorised reviewers can read this.</source>
        <translation>បានបិទជិត៖ មានតែអ្នកពិនិត្យដែលមានសិទ្ធិប៉ុណ្ណោះ ទើបអាចអានបាន។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/QuestionFrame.qml" line="57"/>
        <source>Reviewer: %1</source>
        <translation>អ្នកពិនិត្យ៖ %1</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="19"/>
        <source>My records</source>
        <translation>កំណត់ត្រារបស់ខ្ញុំ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="50"/>
        <source>Records cannot be saved on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកកំណត់ត្រានៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="64"/>
        <source>Search by name</source>
        <translation>ស្វែងរកតាមឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="83"/>
        <source>Every form</source>
        <translation>គ្រប់ទម្រង់</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="104"/>
        <source>All</source>
        <translation>ទាំងអស់</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="107"/>
        <source>To send</source>
        <translation>ត្រូវផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="110"/>
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="113"/>
        <source>To correct</source>
        <translation>ត្រូវកែតម្រូវ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="116"/>
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="137"/>
        <source>Any time</source>
        <translation>គ្រប់ពេល</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="140"/>
        <source>Today</source>
        <translation>ថ្ងៃនេះ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="143"/>
        <source>7 days</source>
        <translation>៧ ថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="146"/>
        <source>30 days</source>
        <translation>៣០ ថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="165"/>
        <source>%1 records</source>
        <translation>កំណត់ត្រា %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="174"/>
        <source>New record</source>
        <translation>កំណត់ត្រាថ្មី</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="212"/>
        <source>No records yet. Press &quot;New record&quot; to start.</source>
        <translation>មិនទាន់មានកំណត់ត្រានៅឡើយទេ។ ចុច «កំណត់ត្រាថ្មី» ដើម្បីចាប់ផ្ដើម។</translation>
    </message>
    <message>
        <location filename="../qml/pages/RecordListPage.qml" line="212"/>
        <source>No record matches these filters.</source>
        <translation>គ្មានកំណត់ត្រាណាត្រូវនឹងតម្រងទាំងនេះទេ។</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>សេចក្ដីព្រាង</translation>
    </message>
    <message>
        <source>Drafts: %1</source>
        <translation>សេចក្ដីព្រាង៖ %1</translation>
    </message>
    <message>
        <source>No draft matches these filters.</source>
        <translation>គ្មានសេចក្ដីព្រាងណាត្រូវនឹងតម្រងទាំងនេះទេ។</translation>
    </message>
    <message>
        <source>No drafts: every interview on this tablet is finalized.</source>
        <translation>គ្មានសេចក្ដីព្រាងទេ៖ ការសម្ភាសន៍ទាំងអស់នៅលើថេប្លេតនេះបានបញ្ចប់ហើយ។</translation>
    </message>
</context>
<context>
    <name>RecordReasons</name>
    <message>
        <location filename="../src/record_reasons.cpp" line="12"/>
        <source>The record is damaged and cannot be sent. Show it to your supervisor.</source>
        <translation>កំណត់ត្រានេះខូច ហើយមិនអាចផ្ញើបានទេ។ សូមបង្ហាញវាទៅអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="14"/>
        <source>The office does not have this version of the form. Press &quot;Send now&quot; to receive the forms, or ask your supervisor to publish it; then open the record and save it again.</source>
        <translation>ការិយាល័យមិនមានកំណែនេះនៃទម្រង់ទេ។ សូមចុច &quot;ផ្ញើឥឡូវ&quot; ដើម្បីទទួលទម្រង់ ឬសុំអ្នកគ្រប់គ្រងឱ្យផ្សព្វផ្សាយវា។ បន្ទាប់មក សូមបើកកំណត់ត្រា ហើយរក្សាទុកវាម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="18"/>
        <source>Some answers do not follow the form&apos;s rules. Open the record, correct the marked answers and save it again.</source>
        <translation>ចម្លើយខ្លះមិនស្របតាមច្បាប់របស់ទម្រង់ទេ។ សូមបើកកំណត់ត្រា កែតម្រូវចម្លើយដែលបានសម្គាល់ ហើយរក្សាទុកវាម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="21"/>
        <source>Only the person who made this record can send it. Sign in as that person.</source>
        <translation>មានតែអ្នកដែលបានបង្កើតកំណត់ត្រានេះទេ ដែលអាចផ្ញើវាបាន។ សូមចូលជាអ្នកនោះ។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="23"/>
        <source>The record&apos;s place is outside your working area. Correct the place, or ask your supervisor to widen your area.</source>
        <translation>ទីកន្លែងរបស់កំណត់ត្រានេះនៅក្រៅតំបន់ការងាររបស់អ្នក។ សូមកែទីកន្លែង ឬសុំអ្នកគ្រប់គ្រងឱ្យពង្រីកតំបន់របស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="26"/>
        <source>The office holds another record under this number. Ask your supervisor; the record stays on this tablet.</source>
        <translation>ការិយាល័យមានកំណត់ត្រាផ្សេងទៀតក្រោមលេខនេះ។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។ កំណត់ត្រានៅតែនៅលើថេប្លេតនេះ។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="29"/>
        <source>The office has a different copy of this record. Open it and save it again to send your version.</source>
        <translation>ការិយាល័យមានច្បាប់ចម្លងផ្សេងនៃកំណត់ត្រានេះ។ សូមបើកវា ហើយរក្សាទុកម្ដងទៀត ដើម្បីផ្ញើកំណែរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/record_reasons.cpp" line="32"/>
        <source>The record is too large to send. Shorten the long answers, then save it again.</source>
        <translation>កំណត់ត្រានេះធំពេក មិនអាចផ្ញើបានទេ។ សូមកាត់ចម្លើយវែងៗឱ្យខ្លី រួចរក្សាទុកវាម្ដងទៀត។</translation>
    </message>
</context>
<context>
    <name>RecordRow</name>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="41"/>
        <source>(no name)</source>
        <translation>(គ្មានឈ្មោះ)</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="50"/>
        <source>%1 · place %2 · %3</source>
        <translation>%1 · ទីកន្លែង %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="60"/>
        <source>Refused by the office: %1</source>
        <translation>ការិយាល័យមិនទទួលយក៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="60"/>
        <source>Not sent: %1</source>
        <translation>មិនទាន់បានផ្ញើ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/RecordRow.qml" line="69"/>
        <source>Returned by the reviewer: open it to see what to correct.</source>
        <translation>អ្នកពិនិត្យបានប្រគល់មកវិញ៖ សូមបើកវាដើម្បីមើលអ្វីដែលត្រូវកែតម្រូវ។</translation>
    </message>
    <message>
        <source>Rejected by review: open it to see the reason.</source>
        <translation>អ្នកពិនិត្យមិនទទួលយក៖ សូមបើកវាដើម្បីមើលមូលហេតុ។</translation>
    </message>
</context>
<context>
    <name>RepeatEntries</name>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="34"/>
        <source>Entries: %1</source>
        <translation>ចំនួនសរុប៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="52"/>
        <source>No entries yet.</source>
        <translation>មិនទាន់មានអ្វីនៅឡើយទេ។</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="87"/>
        <source>%1 %2</source>
        <comment>repeat label, entry number</comment>
        <translation>%1 ទី%2</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="95"/>
        <source>Answers to look at: %1</source>
        <translation>ចម្លើយដែលត្រូវពិនិត្យ៖ %1</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="109"/>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="117"/>
        <source>Remove</source>
        <translation>ដកចេញ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="118"/>
        <source>Remove %1 %2 and all their answers?</source>
        <translation>ដក %1 ទី%2 និងចម្លើយទាំងអស់របស់គាត់ចេញ?</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="119"/>
        <source>Yes, remove</source>
        <translation>បាទ/ចាស ដកចេញ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/RepeatEntries.qml" line="131"/>
        <source>Add: %1</source>
        <translation>បន្ថែម៖ %1</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <location filename="../qml/components/form/ReviewBanner.qml" line="32"/>
        <source>Returned for correction by %1</source>
        <translation>%1 បានប្រគល់មកវិញដើម្បីកែតម្រូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ReviewBanner.qml" line="32"/>
        <source>Returned for correction</source>
        <translation>បានប្រគល់មកវិញដើម្បីកែតម្រូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ReviewBanner.qml" line="32"/>
        <source>The reviewer&apos;s notes</source>
        <translation>កំណត់សម្គាល់របស់អ្នកពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ReviewBanner.qml" line="58"/>
        <source>Show the marked questions (%1)</source>
        <translation>បង្ហាញសំណួរដែលបានសម្គាល់ (%1)</translation>
    </message>
    <message>
        <location filename="../qml/components/form/ReviewBanner.qml" line="67"/>
        <source>Correct this record</source>
        <translation>កែតម្រូវកំណត់ត្រានេះ</translation>
    </message>
    <message>
        <source>Rejected by review (%1)</source>
        <translation>អ្នកពិនិត្យមិនទទួលយក (%1)</translation>
    </message>
    <message>
        <source>Rejected by review</source>
        <translation>អ្នកពិនិត្យមិនទទួលយក</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>មូលហេតុ៖ %1</translation>
    </message>
</context>
<context>
    <name>SignInFlow</name>
    <message>
        <location filename="../qml/pages/SignInFlow.qml" line="67"/>
        <source>Please wait…</source>
        <translation>សូមរង់ចាំ…</translation>
    </message>
</context>
<context>
    <name>StateChip</name>
    <message>
        <location filename="../qml/components/StateChip.qml" line="16"/>
        <source>Sending</source>
        <translation>កំពុងផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="18"/>
        <source>Sent</source>
        <translation>បានផ្ញើ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="20"/>
        <source>Not sent yet</source>
        <translation>ផ្ញើមិនទាន់បាន</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="22"/>
        <source>Refused</source>
        <translation>ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="24"/>
        <source>To correct</source>
        <translation>ត្រូវកែតម្រូវ</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="26"/>
        <source>Approved</source>
        <translation>បានអនុម័ត</translation>
    </message>
    <message>
        <location filename="../qml/components/StateChip.qml" line="28"/>
        <source>Waiting</source>
        <translation>រង់ចាំ</translation>
    </message>
    <message>
        <source>Rejected by review</source>
        <translation>អ្នកពិនិត្យមិនទទួលយក</translation>
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
    <message>
        <source>Records: %1 of %2 (%3 of %4)</source>
        <translation>កំណត់ត្រា៖ %1 ក្នុងចំណោម %2 (%3 ក្នុងចំណោម %4)</translation>
    </message>
    <message>
        <source>Photos: %1 of %2 (%3 of %4)</source>
        <translation>រូបថត៖ %1 ក្នុងចំណោម %2 (%3 ក្នុងចំណោម %4)</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <location filename="../qml/Theme.qml" line="58"/>
        <source>January</source>
        <translation>មករា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="60"/>
        <source>February</source>
        <translation>កុម្ភៈ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="62"/>
        <source>March</source>
        <translation>មីនា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="64"/>
        <source>April</source>
        <translation>មេសា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="66"/>
        <source>May</source>
        <translation>ឧសភា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="68"/>
        <source>June</source>
        <translation>មិថុនា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="70"/>
        <source>July</source>
        <translation>កក្កដា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="72"/>
        <source>August</source>
        <translation>សីហា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="74"/>
        <source>September</source>
        <translation>កញ្ញា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="76"/>
        <source>October</source>
        <translation>តុលា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="78"/>
        <source>November</source>
        <translation>វិច្ឆិកា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="80"/>
        <source>December</source>
        <translation>ធ្នូ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Mon</source>
        <translation>ច</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Tue</source>
        <translation>អ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Wed</source>
        <translation>ពុ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Thu</source>
        <translation>ព្រ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Fri</source>
        <translation>សុ</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Sat</source>
        <translation>ស</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="85"/>
        <source>Sun</source>
        <translation>អា</translation>
    </message>
    <message>
        <location filename="../qml/Theme.qml" line="93"/>
        <source>%1 %2 %3</source>
        <comment>day, month name, year</comment>
        <translation>ថ្ងៃទី%1 ខែ%2 ឆ្នាំ%3</translation>
    </message>
</context>
<context>
    <name>TimePicker</name>
    <message>
        <location filename="../qml/components/form/TimePicker.qml" line="24"/>
        <source>Hour</source>
        <translation>ម៉ោង</translation>
    </message>
    <message>
        <location filename="../qml/components/form/TimePicker.qml" line="52"/>
        <source>Minutes</source>
        <translation>នាទី</translation>
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
        <location filename="../src/accounts_controller.cpp" line="30"/>
        <source>An administrator revoked this tablet. Its records and keys were erased. Enrol it again with a new code.</source>
        <translation>អ្នកគ្រប់គ្រងបានដកសិទ្ធិថេប្លេតនេះ។ កំណត់ត្រា និងកូនសោរបស់វាត្រូវបានលុបចោល។ សូមចុះឈ្មោះវាម្ដងទៀតដោយប្រើលេខកូដថ្មី។</translation>
    </message>
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
    <name>phum::app::CodeReader</name>
    <message>
        <location filename="../../../work/wt/device/app/src/code_reader.cpp" line="51"/>
        <source>This picture cannot be opened: %1</source>
        <translation>មិនអាចបើករូបភាពនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/src/code_reader.cpp" line="56"/>
        <source>No QR code or barcode was found in this picture. Take the picture again, closer and sharper, or type the code.</source>
        <translation>រកមិនឃើញកូដ QR ឬបាកូដក្នុងរូបភាពនេះទេ។ សូមថតរូបម្ដងទៀតឱ្យកាន់តែជិត និងច្បាស់ ឬវាយបញ្ចូលលេខកូដ។</translation>
    </message>
</context>
<context>
    <name>phum::app::DraftListModel</name>
    <message>
        <location filename="../src/draft_list_model.cpp" line="32"/>
        <source>Version %1 of this form is no longer on the tablet: the draft cannot be opened. You can delete it.</source>
        <translation>កំណែ %1 នៃទម្រង់នេះលែងមាននៅលើថេប្លេតទៀតហើយ៖ មិនអាចបើកសេចក្ដីព្រាងនេះបានទេ។ អ្នកអាចលុបវាបាន។</translation>
    </message>
    <message>
        <location filename="../src/draft_list_model.cpp" line="45"/>
        <source>Could not read the drafts on this tablet: %1</source>
        <translation>មិនអាចអានសេចក្ដីព្រាងនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/draft_list_model.cpp" line="60"/>
        <source>Could not delete the draft: %1</source>
        <translation>មិនអាចលុបសេចក្ដីព្រាងបានទេ៖ %1</translation>
    </message>
    <message>
        <source>Check and finalize</source>
        <translation>ពិនិត្យ និងបញ្ចប់</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>repeat label, entry number</comment>
        <translation>%1 ទី%2</translation>
    </message>
</context>
<context>
    <name>phum::app::FormController</name>
    <message>
        <location filename="../src/form_controller.cpp" line="147"/>
        <source>The tablet&apos;s storage is not open, so nothing can be saved. Ask your supervisor.</source>
        <translation>ឃ្លាំងផ្ទុករបស់ថេប្លេតមិនបានបើកទេ ដូច្នេះមិនអាចរក្សាទុកអ្វីបានឡើយ។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="153"/>
        <source>The form %1 cannot be used on this tablet: %2</source>
        <translation>មិនអាចប្រើទម្រង់ %1 នៅលើថេប្លេតនេះបានទេ៖ %2</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="157"/>
        <source>The form %1 is not on this tablet. Press &quot;Send now&quot; when there is a connection to download the forms.</source>
        <translation>ទម្រង់ %1 មិនមាននៅលើថេប្លេតនេះទេ។ សូមចុច &quot;ផ្ញើឥឡូវ&quot; ពេលមានការតភ្ជាប់ ដើម្បីទាញយកទម្រង់។</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="178"/>
        <location filename="../src/form_controller.cpp" line="186"/>
        <source>This draft cannot be found.</source>
        <translation>រកមិនឃើញសេចក្ដីព្រាងនេះទេ។</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="183"/>
        <source>Could not read the draft: %1</source>
        <translation>មិនអាចអានសេចក្ដីព្រាងបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="189"/>
        <source>This draft is damaged and cannot be opened. You can delete it.</source>
        <translation>សេចក្ដីព្រាងនេះខូច ហើយមិនអាចបើកបានទេ។ អ្នកអាចលុបវាបាន។</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="201"/>
        <source>This draft was started with version %1 of the form &quot;%2&quot;, which is no longer on this tablet, so it cannot be opened. You can delete it.</source>
        <translation>សេចក្ដីព្រាងនេះបានចាប់ផ្ដើមជាមួយកំណែ %1 នៃទម្រង់ &quot;%2&quot; ដែលលែងមាននៅលើថេប្លេតនេះទៀតហើយ ដូច្នេះមិនអាចបើកបានទេ។ អ្នកអាចលុបវាបាន។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_record.cpp" line="40"/>
        <location filename="../src/form_controller_record.cpp" line="51"/>
        <source>This record cannot be found.</source>
        <translation>រកមិនឃើញកំណត់ត្រានេះទេ។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_record.cpp" line="47"/>
        <location filename="../src/form_controller_record.cpp" line="74"/>
        <source>Could not read the record: %1</source>
        <translation>មិនអាចអានកំណត់ត្រាបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller_record.cpp" line="56"/>
        <source>This record was made with version %1 of the form &quot;%2&quot;, which is no longer on this tablet, so it cannot be opened.</source>
        <translation>កំណត់ត្រានេះត្រូវបានធ្វើជាមួយកំណែ %1 នៃទម្រង់ &quot;%2&quot; ដែលលែងមាននៅលើថេប្លេតនេះទៀតហើយ ដូច្នេះមិនអាចបើកបានទេ។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_record.cpp" line="122"/>
        <source>The reviewer&apos;s notes could not be read: %1</source>
        <translation>មិនអាចអានកំណត់សម្គាល់របស់អ្នកពិនិត្យបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller_record.cpp" line="134"/>
        <source>The reviewer asks you to check this answer.</source>
        <translation>អ្នកពិនិត្យសុំឱ្យអ្នកផ្ទៀងផ្ទាត់ចម្លើយនេះម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="299"/>
        <source>The answers could not be saved on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកចម្លើយនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="363"/>
        <source>Could not save on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកនៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller.cpp" line="382"/>
        <source>Could not delete the draft: %1</source>
        <translation>មិនអាចលុបសេចក្ដីព្រាងបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="191"/>
        <source>Check and finalize</source>
        <translation>ពិនិត្យ និងបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="201"/>
        <source>%1 %2</source>
        <comment>repeat label, entry number</comment>
        <translation>%1 ទី%2</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="222"/>
        <source>%1 %2 of %3</source>
        <translation>%1 ទី%2 នៃ %3</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="267"/>
        <source>Other</source>
        <translation>ផ្សេងៗ</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="291"/>
        <source>The list &quot;%1&quot; is not on this tablet yet. Press &quot;Send now&quot; when there is a connection to download it.</source>
        <translation>បញ្ជី &quot;%1&quot; មិនទាន់មាននៅលើថេប្លេតនេះនៅឡើយទេ។ សូមចុច &quot;ផ្ញើឥឡូវ&quot; ពេលមានការតភ្ជាប់ ដើម្បីទាញយកវា។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="294"/>
        <source>Answer the questions above first: they decide what is listed here.</source>
        <translation>សូមឆ្លើយសំណួរខាងលើជាមុនសិន៖ ចម្លើយទាំងនោះកំណត់អ្វីដែលបង្ហាញនៅទីនេះ។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="341"/>
        <source>The number of entries is the answer to &quot;%1&quot;.</source>
        <translation>ចំនួននេះគឺជាចម្លើយចំពោះសំណួរ &quot;%1&quot;។</translation>
    </message>
    <message>
        <location filename="../src/form_controller_pages.cpp" line="344"/>
        <source>The form decides the number of entries.</source>
        <translation>ទម្រង់កំណត់ចំនួននេះដោយខ្លួនឯង។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/src/form_controller.cpp" line="361"/>
        <source>A photo of this form cannot be read: %1. Take it again.</source>
        <translation>មិនអាចអានរូបថតមួយនៃទម្រង់នេះបានទេ៖ %1។ សូមថតវាម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../../work/wt/device/app/src/form_controller_photos.cpp" line="62"/>
        <source>The photo could not be kept: %1</source>
        <translation>មិនអាចរក្សាទុករូបថតបានទេ៖ %1</translation>
    </message>
    <message>
        <source>A reviewer rejected this record; it cannot be corrected.</source>
        <translation>អ្នកពិនិត្យមិនទទួលយកកំណត់ត្រានេះទេ ដូច្នេះមិនអាចកែតម្រូវបានទេ។</translation>
    </message>
</context>
<context>
    <name>phum::app::FormListModel</name>
    <message>
        <location filename="../src/form_list_model.cpp" line="23"/>
        <source>Could not read the forms on this tablet: %1</source>
        <translation>មិនអាចអានទម្រង់នៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>phum::app::RecordListModel</name>
    <message>
        <location filename="../src/record_list_model.cpp" line="116"/>
        <location filename="../src/record_list_model.cpp" line="149"/>
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
    <message>
        <location filename="../src/session.cpp" line="70"/>
        <source>%1 could not be deleted</source>
        <translation>មិនអាចលុប %1 បានទេ</translation>
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
<context>
    <name>SettingsPage</name>
    <message>
        <source>Remove records from this tablet this many days after the server confirmed them (records returned for correction stay).</source>
        <translation>លុបកំណត់ត្រាចេញពីថេប្លេតនេះ ប៉ុន្មានថ្ងៃនេះ បន្ទាប់ពីម៉ាស៊ីនមេបានបញ្ជាក់ថាបានទទួល (កំណត់ត្រាដែលត្រូវបានបញ្ជូនមកវិញឱ្យកែតម្រូវ នៅតែរក្សាទុក)។</translation>
    </message>
    <message>
        <source>Lock the tablet after this many minutes without use (a PIN opens it again; an open form is kept).</source>
        <translation>ចាក់សោថេប្លេត បន្ទាប់ពីមិនបានប្រើប៉ុន្មាននាទីនេះ (លេខ PIN បើកវាវិញ ហើយទម្រង់ដែលកំពុងបើកត្រូវបានរក្សាទុក)។</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>ការការពារ</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>ការកំណត់</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>ភាសា</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <source>Saved. The next sync uses this address.</source>
        <translation>បានរក្សាទុក។ ការផ្ញើលើកក្រោយនឹងប្រើអាសយដ្ឋាននេះ។</translation>
    </message>
    <message>
        <source>Storage used on this tablet</source>
        <translation>ទំហំផ្ទុកដែលបានប្រើនៅលើថេប្លេតនេះ</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>កំណត់ត្រា</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>សេចក្ដីព្រាង</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>រូបថត</translation>
    </message>
    <message>
        <source>Reference data and forms</source>
        <translation>ទិន្នន័យយោង និងទម្រង់</translation>
    </message>
    <message>
        <source>Send photos only on Wi-Fi or other connections that do not cost per megabyte. Records are always sent at once.</source>
        <translation>ផ្ញើរូបថតតែតាម Wi-Fi ឬការតភ្ជាប់ផ្សេងទៀតដែលមិនគិតថ្លៃតាមមេកាបៃប៉ុណ្ណោះ។ កំណត់ត្រាតែងតែផ្ញើភ្លាមៗ។</translation>
    </message>
    <message>
        <source>Send photos only on unmetered connections</source>
        <translation>ផ្ញើរូបថតតែតាមការតភ្ជាប់ដែលមិនគិតថ្លៃតាមទិន្នន័យប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <source>This device does not say whether its connection is metered; photos are sent.</source>
        <translation>ឧបករណ៍នេះមិនប្រាប់ថាការតភ្ជាប់គិតថ្លៃតាមទិន្នន័យឬអត់ទេ៖ រូបថតនឹងត្រូវផ្ញើ។</translation>
    </message>
    <message>
        <source>Connection now: metered (mobile data).</source>
        <translation>ការតភ្ជាប់ឥឡូវ៖ គិតថ្លៃតាមទិន្នន័យ (ទិន្នន័យទូរស័ព្ទ)។</translation>
    </message>
    <message>
        <source>Connection now: not metered.</source>
        <translation>ការតភ្ជាប់ឥឡូវ៖ មិនគិតថ្លៃតាមទិន្នន័យ។</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>គណនី</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>បានចូលជា %1</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ចាកចេញ</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <source>Phum app %1</source>
        <translation>កម្មវិធីភូមិ %1</translation>
    </message>
    <message>
        <source>%1: version %2</source>
        <translation>%1៖ កំណែ %2</translation>
    </message>
</context>
<context>
    <name>phum::app::AppSettings</name>
    <message>
        <source>Could not read the settings on this tablet: %1</source>
        <translation>មិនអាចអានការកំណត់នៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <source>Could not keep the setting on this tablet: %1</source>
        <translation>មិនអាចរក្សាទុកការកំណត់នៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <source>Type the server address, e.g. https://phum.example.org</source>
        <translation>សូមវាយអាសយដ្ឋានម៉ាស៊ីនមេ ឧ. https://phum.example.org</translation>
    </message>
    <message>
        <source>The address must start with https:// or http://, e.g. https://phum.example.org</source>
        <translation>អាសយដ្ឋានត្រូវចាប់ផ្ដើមដោយ https:// ឬ http:// ឧ. https://phum.example.org</translation>
    </message>
    <message>
        <source>The address has no server name after https://.</source>
        <translation>អាសយដ្ឋានគ្មានឈ្មោះម៉ាស៊ីនមេនៅបន្ទាប់ពី https:// ទេ។</translation>
    </message>
    <message>
        <source>The address must not contain &apos;?&apos; or &apos;#&apos;.</source>
        <translation>អាសយដ្ឋានមិនត្រូវមាន &apos;?&apos; ឬ &apos;#&apos; ទេ។</translation>
    </message>
    <message>
        <source>Could not read the forms on this tablet: %1</source>
        <translation>មិនអាចអានទម្រង់នៅលើថេប្លេតនេះបានទេ៖ %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 បៃ</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
</context>
</TS>
