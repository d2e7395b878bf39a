// Every string of the console in Khmer and English. t(key, values) picks the chosen language and
// fills {name} placeholders; a key missing in a language is a bug the browser test catches (it
// fails on any text shown as "⟦key⟧").
const strings = {
  'nav.queue': { en: 'Review queue', km: 'បញ្ជីត្រួតពិនិត្យ' },
  'nav.users': { en: 'Users', km: 'អ្នកប្រើប្រាស់' },
  'nav.devices': { en: 'Devices', km: 'ឧបករណ៍' },
  'nav.forms': { en: 'Forms', km: 'ទម្រង់' },
  'nav.refdata': { en: 'Reference data', km: 'ទិន្នន័យយោង' },
  'nav.signOut': { en: 'Sign out', km: 'ចាកចេញ' },

  'signin.title': { en: 'Sign in to the Phum console', km: 'ចូលទៅកុងសូលភូមិ' },
  'signin.username': { en: 'User name', km: 'ឈ្មោះអ្នកប្រើ' },
  'signin.password': { en: 'Password', km: 'ពាក្យសម្ងាត់' },
  'signin.submit': { en: 'Sign in', km: 'ចូល' },
  'signin.expired': { en: 'Your session has ended; sign in again.', km: 'វគ្គរបស់អ្នកបានបញ្ចប់ សូមចូលម្ដងទៀត។' },

  'queue.title': { en: 'Records to review', km: 'កំណត់ត្រាត្រូវត្រួតពិនិត្យ' },
  'queue.form': { en: 'Form', km: 'ទម្រង់' },
  'queue.state': { en: 'Review state', km: 'ស្ថានភាពត្រួតពិនិត្យ' },
  'queue.province': { en: 'Province', km: 'ខេត្ត' },
  'queue.district': { en: 'District', km: 'ស្រុក' },
  'queue.commune': { en: 'Commune', km: 'ឃុំ' },
  'queue.from': { en: 'Received from', km: 'ទទួលពី' },
  'queue.to': { en: 'Received to', km: 'ទទួលដល់' },
  'queue.author': { en: 'Author', km: 'អ្នកបញ្ចូល' },
  'queue.any': { en: 'Any', km: 'ទាំងអស់' },
  'queue.apply': { en: 'Filter', km: 'ច្រោះ' },
  'queue.export': { en: 'Export CSV', km: 'នាំចេញ CSV' },
  'queue.exportSensitive': { en: 'Include sensitive answers', km: 'រួមទាំងចម្លើយរសើប' },
  'queue.next': { en: 'Next page', km: 'ទំព័របន្ទាប់' },
  'queue.first': { en: 'First page', km: 'ទំព័រដំបូង' },
  'queue.none': { en: 'No record matches these filters.', km: 'គ្មានកំណត់ត្រាត្រូវនឹងការច្រោះនេះទេ។' },
  'queue.received': { en: 'Received', km: 'បានទទួល' },
  'queue.place': { en: 'Place', km: 'ទីតាំង' },
  'queue.revision': { en: 'Rev.', km: 'កំណែ' },

  'state.new': { en: 'To review', km: 'ត្រូវពិនិត្យ' },
  'state.returned': { en: 'Returned', km: 'បានបញ្ជូនត្រឡប់' },
  'state.corrected': { en: 'Corrected', km: 'បានកែតម្រូវ' },
  'state.approved': { en: 'Approved', km: 'បានអនុម័ត' },
  'state.rejected': { en: 'Rejected', km: 'បានបដិសេធ' },

  'record.back': { en: '← Back to the queue', km: '← ត្រឡប់ទៅបញ្ជី' },
  'record.author': { en: 'Author', km: 'អ្នកបញ្ចូល' },
  'record.device': { en: 'Device', km: 'ឧបករណ៍' },
  'record.place': { en: 'Place', km: 'ទីតាំង' },
  'record.created': { en: 'Created on the tablet', km: 'បង្កើតលើថេប្លេត' },
  'record.received': { en: 'Received', km: 'បានទទួល' },
  'record.revision': { en: 'Revision', km: 'កំណែ' },
  'record.form': { en: 'Form', km: 'ទម្រង់' },
  'record.answers': { en: 'Answers', km: 'ចម្លើយ' },
  'record.map': { en: 'map', km: 'ផែនទី' },
  'record.noAnswer': { en: '—', km: '—' },
  'record.hidden': { en: 'hidden (sensitive)', km: 'លាក់ (រសើប)' },
  'record.addNote': { en: 'note', km: 'កំណត់សម្គាល់' },
  'record.history': { en: 'History', km: 'ប្រវត្តិ' },
  'record.revisionBy': { en: 'Revision {revision} by {author}, {when}', km: 'កំណែ {revision} ដោយ {author} {when}' },
  'record.reviewBy': { en: '{decision} by {reviewer}, {when} (revision {revision})', km: '{decision} ដោយ {reviewer} {when} (កំណែ {revision})' },
  'record.compare': { en: 'Compare with revision', km: 'ប្រៀបធៀបជាមួយកំណែ' },
  'record.noChanges': { en: 'No answer changed.', km: 'គ្មានចម្លើយផ្លាស់ប្ដូរទេ។' },
  'record.before': { en: 'Before', km: 'មុន' },
  'record.after': { en: 'After', km: 'ក្រោយ' },
  'record.question': { en: 'Question', km: 'សំណួរ' },
  'record.oldRevision': { en: 'You are looking at revision {revision}; the newest is {newest}.', km: 'អ្នកកំពុងមើលកំណែ {revision} ; កំណែថ្មីបំផុតគឺ {newest}។' },

  'review.title': { en: 'Review', km: 'ត្រួតពិនិត្យ' },
  'review.comment': { en: 'Comment to the author', km: 'មតិទៅអ្នកបញ្ចូល' },
  'review.notes': { en: 'Notes on questions', km: 'កំណត់សម្គាល់លើសំណួរ' },
  'review.reason': { en: 'Reason (for a rejection)', km: 'មូលហេតុ (សម្រាប់ការបដិសេធ)' },
  'review.approve': { en: 'Approve', km: 'អនុម័ត' },
  'review.return': { en: 'Return for correction', km: 'បញ្ជូនត្រឡប់ដើម្បីកែ' },
  'review.reject': { en: 'Reject', km: 'បដិសេធ' },
  'review.done.approve': { en: 'Approved.', km: 'បានអនុម័ត។' },
  'review.done.return': { en: 'Returned to the author for correction.', km: 'បានបញ្ជូនត្រឡប់ទៅអ្នកបញ្ចូលដើម្បីកែ។' },
  'review.done.reject': { en: 'Rejected.', km: 'បានបដិសេធ។' },
  'review.needComment': { en: 'Say what to correct: a comment or a note on a question.', km: 'សូមប្រាប់អ្វីដែលត្រូវកែ៖ មតិ ឬកំណត់សម្គាល់លើសំណួរ។' },
  'review.needReason': { en: 'Give the reason for the rejection.', km: 'សូមផ្ដល់មូលហេតុនៃការបដិសេធ។' },
  'review.notAllowed': { en: 'Your role may read records but not review them.', km: 'តួនាទីរបស់អ្នកអាចអានកំណត់ត្រា ប៉ុន្តែមិនអាចត្រួតពិនិត្យបានទេ។' },
  'decision.approve': { en: 'Approved', km: 'បានអនុម័ត' },
  'decision.return': { en: 'Returned', km: 'បានបញ្ជូនត្រឡប់' },
  'decision.reject': { en: 'Rejected', km: 'បានបដិសេធ' },
  'decision.comment': { en: 'Comment', km: 'មតិ' },

  'users.title': { en: 'Users', km: 'អ្នកប្រើប្រាស់' },
  'users.add': { en: 'Add a user', km: 'បន្ថែមអ្នកប្រើ' },
  'users.displayName': { en: 'Full name', km: 'ឈ្មោះពេញ' },
  'users.role': { en: 'Role', km: 'តួនាទី' },
  'users.scope': { en: 'Scope (NIS code or "national")', km: 'វិសាលភាព (លេខកូដ NIS ឬ "national")' },
  'users.disabled': { en: 'Disabled', km: 'បានបិទ' },
  'users.disable': { en: 'Disable', km: 'បិទ' },
  'users.resetPassword': { en: 'Reset password', km: 'កំណត់ពាក្យសម្ងាត់ឡើងវិញ' },
  'users.created': { en: 'User {username} created.', km: 'បានបង្កើតអ្នកប្រើ {username}។' },
  'users.scopeShort': { en: 'Scope', km: 'វិសាលភាព' },
  'users.status': { en: 'Status', km: 'ស្ថានភាព' },
  'users.active': { en: 'Active', km: 'សកម្ម' },
  'users.enable': { en: 'Enable', km: 'បើកវិញ' },
  'users.newPassword': { en: 'New password', km: 'ពាក្យសម្ងាត់ថ្មី' },
  'users.setPassword': { en: 'Set password', km: 'កំណត់ពាក្យសម្ងាត់' },
  'users.passwordReset': { en: 'The password of {username} was reset; their sessions ended.', km: 'ពាក្យសម្ងាត់របស់ {username} ត្រូវបានកំណត់ឡើងវិញ ហើយវគ្គរបស់គាត់បានបញ្ចប់។' },
  'users.saved': { en: 'Changes to {username} saved.', km: 'បានរក្សាទុកការផ្លាស់ប្ដូររបស់ {username}។' },
  'users.enabled': { en: '{username} can sign in again.', km: '{username} អាចចូលប្រើម្ដងទៀតបាន។' },
  'users.disabledDone': { en: '{username} is disabled; the tablets are told on their next sync.', km: '{username} ត្រូវបានបិទ ថេប្លេតនឹងដឹងនៅពេលធ្វើសមកាលកម្មបន្ទាប់។' },
  'users.confirmDisable': { en: 'Disable {username}?', km: 'បិទ {username} ឬ?' },
  'users.notSelf': { en: 'You cannot disable your own account.', km: 'អ្នកមិនអាចបិទគណនីរបស់ខ្លួនឯងបានទេ។' },
  'role.enumerator': { en: 'Enumerator', km: 'អ្នកអង្កេត' },
  'role.outreach_worker': { en: 'Outreach worker', km: 'បុគ្គលិកចុះមូលដ្ឋាន' },
  'role.counsellor': { en: 'Counsellor', km: 'អ្នកប្រឹក្សា' },
  'role.reviewer': { en: 'Reviewer', km: 'អ្នកត្រួតពិនិត្យ' },
  'role.administrator': { en: 'Administrator', km: 'អ្នកគ្រប់គ្រង' },

  'devices.title': { en: 'Devices', km: 'ឧបករណ៍' },
  'devices.name': { en: 'Device name', km: 'ឈ្មោះឧបករណ៍' },
  'devices.enrolled': { en: 'Enrolled', km: 'បានចុះឈ្មោះ' },
  'devices.revoked': { en: 'Revoked', km: 'បានដកហូត' },
  'devices.revoke': { en: 'Revoke', km: 'ដកហូត' },
  'devices.newCode': { en: 'New enrolment code', km: 'លេខកូដចុះឈ្មោះថ្មី' },
  'devices.id': { en: 'Device id', km: 'លេខសម្គាល់ឧបករណ៍' },
  'devices.lastContact': { en: 'Last contact', km: 'ទំនាក់ទំនងចុងក្រោយ' },
  'devices.never': { en: 'not yet', km: 'មិនទាន់' },
  'devices.none': { en: 'No tablet is enrolled yet. Create an enrolment code above.', km: 'មិនទាន់មានថេប្លេតចុះឈ្មោះទេ។ សូមបង្កើតលេខកូដចុះឈ្មោះខាងលើ។' },
  'devices.codeFor': { en: 'Enrolment code for {name}', km: 'លេខកូដចុះឈ្មោះសម្រាប់ {name}' },
  'devices.confirmRevoke': { en: 'Revoke {name}? It will be refused from its next request.', km: 'ដកហូត {name} ឬ? វានឹងត្រូវបដិសេធចាប់ពីសំណើបន្ទាប់។' },
  'devices.revokedDone': { en: '{name} is revoked.', km: '{name} ត្រូវបានដកហូត។' },
  'devices.codeHelp': { en: 'Scan this on the tablet, or type the code. It works once and expires {when}.', km: 'ស្កេនកូដនេះលើថេប្លេត ឬវាយលេខកូដ។ វាប្រើបានតែម្ដង ហើយផុតកំណត់ {when}។' },

  'forms.title': { en: 'Forms', km: 'ទម្រង់' },
  'forms.upload': { en: 'Form file (.xlsx)', km: 'ឯកសារទម្រង់ (.xlsx)' },
  'forms.check': { en: 'Check', km: 'ពិនិត្យ' },
  'forms.publish': { en: 'Publish', km: 'ផ្សព្វផ្សាយ' },
  'forms.version': { en: 'Version', km: 'កំណែ' },
  'forms.published': { en: 'Published', km: 'បានផ្សព្វផ្សាយ' },
  'forms.chooseFile': { en: 'Choose the form file (.xlsx) first.', km: 'សូមជ្រើសរើសឯកសារទម្រង់ (.xlsx) ជាមុនសិន។' },
  'forms.checkOk': { en: 'The form compiles', km: 'ទម្រង់ត្រូវបានចងក្រងដោយជោគជ័យ' },
  'forms.checkFailed': { en: 'The form has errors; fix them in the workbook', km: 'ទម្រង់មានកំហុស សូមកែនៅក្នុងឯកសារ' },
  'forms.publishedDone': { en: '{formId} version {version} is published; the tablets get it on their next sync.', km: '{formId} កំណែ {version} ត្រូវបានផ្សព្វផ្សាយ ថេប្លេតនឹងទទួលវានៅពេលធ្វើសមកាលកម្មបន្ទាប់។' },
  'forms.alreadyPublished': { en: '{formId} version {version} was already published with the same content.', km: '{formId} កំណែ {version} បានផ្សព្វផ្សាយរួចហើយ ដោយមាតិកាដូចគ្នា។' },

  'refdata.title': { en: 'Reference data', km: 'ទិន្នន័យយោង' },
  'refdata.file': { en: 'Dataset CSV', km: 'ឯកសារ CSV' },
  'refdata.dataset': { en: 'Dataset', km: 'សំណុំទិន្នន័យ' },
  'refdata.rows': { en: 'Rows', km: 'ជួរ' },
  'refdata.import': { en: 'Import', km: 'នាំចូល' },
  'refdata.lastChange': { en: 'Last change', km: 'ការផ្លាស់ប្ដូរចុងក្រោយ' },
  'refdata.chooseFile': { en: 'Choose the CSV file first.', km: 'សូមជ្រើសរើសឯកសារ CSV ជាមុនសិន។' },
  'refdata.summary': { en: '{added} added, {changed} changed, {removed} removed ({rows} rows in the file).', km: 'បន្ថែម {added} ផ្លាស់ប្ដូរ {changed} លុប {removed} ({rows} ជួរក្នុងឯកសារ)។' },
  'refdata.imported': { en: 'Imported; the tablets get the changes on their next sync.', km: 'បាននាំចូល ថេប្លេតនឹងទទួលការផ្លាស់ប្ដូរនៅពេលធ្វើសមកាលកម្មបន្ទាប់។' },
  'refdata.problems': { en: 'Problems in the file; nothing was imported', km: 'មានបញ្ហាក្នុងឯកសារ គ្មានអ្វីត្រូវបាននាំចូលទេ' },
  'refdata.added': { en: 'Added', km: 'បានបន្ថែម' },
  'refdata.changed': { en: 'Changed', km: 'បានផ្លាស់ប្ដូរ' },
  'refdata.removed': { en: 'Removed', km: 'បានលុប' },
  'refdata.more': { en: 'and {count} more', km: 'និង {count} ទៀត' },
  'dataset.gazetteer': { en: 'Gazetteer (places)', km: 'បញ្ជីឈ្មោះទីកន្លែង' },
  'dataset.agencies': { en: 'Recruitment agencies', km: 'ទីភ្នាក់ងារជ្រើសរើសពលករ' },
  'dataset.crossing_points': { en: 'Border crossing points', km: 'ច្រកព្រំដែន' },
  'dataset.referral_directory': { en: 'Referral directory', km: 'បញ្ជីសេវាបញ្ជូនបន្ត' },

  'nav.reports': { en: 'Reports', km: 'របាយការណ៍' },
  'reports.table-2.1': { en: 'Table 2.1 Destinations', km: 'តារាង ២.១ ប្រទេសគោលដៅ' },
  'reports.table-2.2': { en: 'Table 2.2 Irregular by sector', km: 'តារាង ២.២ មិនស្របច្បាប់តាមវិស័យ' },
  'reports.table-2.3': { en: 'Table 2.3 Profile', km: 'តារាង ២.៣ លក្ខណៈប្រជាសាស្ត្រ' },
  'reports.table-2.4': { en: 'Table 2.4 Remittances', km: 'តារាង ២.៤ ប្រាក់ផ្ញើ' },
  'reports.returnees': { en: 'Returnees', km: 'អ្នកវិលត្រឡប់' },
  'reports.trafficking': { en: 'Trafficking', km: 'ការជួញដូរមនុស្ស' },
  'reports.complaints': { en: 'Agency complaints', km: 'ពាក្យបណ្ដឹងក្រុមហ៊ុន' },
  'reports.from': { en: 'From', km: 'ពី' },
  'watch.title': { en: 'Agency watch list', km: 'បញ្ជីតាមដានក្រុមហ៊ុន' },
  'watch.note': { en: 'A raised flag reaches the tablets at their next sync: counsellors and outreach workers who name the agency are warned.', km: 'ទង់ដែលបានលើក នឹងទៅដល់ថេប្លេតនៅពេលធ្វើសមកាលកម្មបន្ទាប់៖ អ្នកប្រឹក្សា និងបុគ្គលិកចុះមូលដ្ឋានដែលបញ្ចូលឈ្មោះក្រុមហ៊ុននេះ នឹងទទួលបានការព្រមាន។' },
  'watch.agency': { en: 'Agency', km: 'ក្រុមហ៊ុន' },
  'watch.state': { en: 'Watch flag', km: 'ទង់តាមដាន' },
  'watch.last': { en: 'Last change', km: 'ការផ្លាស់ប្ដូរចុងក្រោយ' },
  'watch.on': { en: 'On the watch list', km: 'ក្នុងបញ្ជីតាមដាន' },
  'watch.off': { en: 'Not watched', km: 'មិនតាមដាន' },
  'watch.raise': { en: 'Raise flag', km: 'លើកទង់' },
  'watch.clear': { en: 'Clear flag', km: 'ដកទង់' },
  'watch.reason': { en: 'Reason (required)', km: 'មូលហេតុ (ត្រូវតែបំពេញ)' },
  'reports.to': { en: 'To', km: 'ដល់' },
  'reports.csv': { en: 'Download CSV', km: 'ទាញយក CSV' },
  'reports.htcds': { en: 'Cases for HTCDS (CSV)', km: 'ករណីសម្រាប់ HTCDS (CSV)' },
  'reports.people': { en: 'People', km: 'ចំនួនមនុស្ស' },
  'reports.surge': { en: 'surge', km: 'កើនឡើងខ្លាំង' },
  'reports.empty': { en: 'No approved record matches these filters.', km: 'គ្មានកំណត់ត្រាដែលបានអនុម័តត្រូវនឹងការច្រោះនេះទេ។' },
  'reports.meanAge': { en: 'Mean age', km: 'អាយុមធ្យម' },
  'reports.withheldNote': { en: 'Approved records only; fewer than 5 people are not shown', km: 'តែកំណត់ត្រាដែលបានអនុម័ត · ចំនួនតិចជាង ៥ នាក់មិនបង្ហាញ' },
  'reports.noChart': { en: 'The chart library could not be loaded.', km: 'មិនអាចផ្ទុកកម្មវិធីគំនូសតាងបានទេ។' },

  'nav.duplicates': { en: 'Likely duplicates', km: 'ទំនងជាស្ទួន' },
  'dup.title': { en: 'Likely duplicates', km: 'ការចុះឈ្មោះដែលទំនងជាស្ទួន' },
  'dup.note': { en: 'The same person may have been registered twice. Compare the two records; a confirmed duplicate is counted once in the reports.', km: 'បុគ្គលតែម្នាក់អាចត្រូវបានចុះឈ្មោះពីរដង។ សូមប្រៀបធៀបកំណត់ត្រាទាំងពីរ ការស្ទួនដែលបានបញ្ជាក់ នឹងត្រូវរាប់តែម្ដងក្នុងរបាយការណ៍។' },
  'dup.state.open': { en: 'To decide', km: 'ត្រូវសម្រេច' },
  'dup.state.confirmed': { en: 'Confirmed', km: 'បានបញ្ជាក់' },
  'dup.state.dismissed': { en: 'Dismissed', km: 'បានច្រានចោល' },
  'dup.score': { en: 'Score', km: 'ពិន្ទុ' },
  'dup.rules': { en: 'What matched', km: 'អ្វីដែលដូចគ្នា' },
  'dup.found': { en: 'Found', km: 'បានរកឃើញ' },
  'dup.compare': { en: 'Compare', km: 'ប្រៀបធៀប' },
  'dup.none': { en: 'No pair in this state in your area.', km: 'គ្មានគូក្នុងស្ថានភាពនេះនៅក្នុងតំបន់របស់អ្នកទេ។' },
  'dup.form.returnee_registration': { en: 'Returnee registration', km: 'ការចុះឈ្មោះអ្នកវិលត្រឡប់' },
  'dup.form.trafficking_case_report': { en: 'Trafficking case', km: 'ករណីជួញដូរមនុស្ស' },
  'dup.rule.similar_Khmer_name': { en: 'similar Khmer name', km: 'ឈ្មោះខ្មែរស្រដៀងគ្នា' },
  'dup.rule.similar_Latin_spelling': { en: 'similar Latin spelling', km: 'អក្ខរាវិរុទ្ធឡាតាំងស្រដៀងគ្នា' },
  'dup.rule.same_sex': { en: 'same sex', km: 'ភេទដូចគ្នា' },
  'dup.rule.close_age': { en: 'close age', km: 'អាយុជិតគ្នា' },
  'dup.rule.same_origin_village': { en: 'same home village', km: 'ភូមិកំណើតដូចគ្នា' },
  'dup.rule.within_the_window': { en: 'registered close in time', km: 'ចុះឈ្មោះក្នុងពេលជិតគ្នា' },
  'dup.pairTitle': { en: 'Two registrations side by side', km: 'ការចុះឈ្មោះពីរ ដាក់ប្រៀបធៀបគ្នា' },
  'dup.first': { en: 'First record', km: 'កំណត់ត្រាទីមួយ' },
  'dup.second': { en: 'Second record', km: 'កំណត់ត្រាទីពីរ' },
  'dup.confirm': { en: 'Same person: confirm', km: 'មនុស្សតែម្នាក់៖ បញ្ជាក់' },
  'dup.dismiss': { en: 'Different people: dismiss', km: 'មនុស្សផ្សេងគ្នា៖ ច្រានចោល' },
  'dup.done.confirm': { en: 'Confirmed: the person is counted once in the reports.', km: 'បានបញ្ជាក់៖ បុគ្គលនេះត្រូវរាប់តែម្ដងក្នុងរបាយការណ៍។' },
  'dup.done.dismiss': { en: 'Dismissed: both records are counted.', km: 'បានច្រានចោល៖ កំណត់ត្រាទាំងពីរត្រូវបានរាប់។' },
  'dup.decidedBy': { en: '{state} by {reviewer}, {when}', km: '{state} ដោយ {reviewer} {when}' },
  'dup.back': { en: '← Back to the pairs', km: '← ត្រឡប់ទៅបញ្ជីគូ' },
  'dup.gone': { en: 'This pair is not in the list any more.', km: 'គូនេះលែងមាននៅក្នុងបញ្ជីទៀតហើយ។' },
  'dup.newer': { en: '← Newer pairs', km: '← គូថ្មីៗជាងនេះ' },
  'dup.older': { en: 'Older pairs →', km: 'គូចាស់ៗជាងនេះ →' },
  'dup.changed': { en: 'A record of this pair was corrected after the decision: compare them again.', km: 'កំណត់ត្រាមួយនៃគូនេះត្រូវបានកែតម្រូវក្រោយការសម្រេច៖ សូមប្រៀបធៀបម្ដងទៀត។' },
  'dup.changedShort': { en: 'changed since', km: 'បានផ្លាស់ប្ដូរ' },

  'common.save': { en: 'Save', km: 'រក្សាទុក' },
  'common.cancel': { en: 'Cancel', km: 'បោះបង់' },
  'common.loading': { en: 'Loading…', km: 'កំពុងផ្ទុក…' },
  'common.error': { en: 'Something went wrong: {message}', km: 'មានបញ្ហា៖ {message}' },
  'common.offline': { en: 'The server cannot be reached; check the connection and try again.', km: 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ សូមពិនិត្យការតភ្ជាប់ ហើយព្យាយាមម្ដងទៀត។' },
};

let language = localStorage.getItem('phum.lang') || 'km';

export function currentLanguage() { return language; }

export function setLanguage(lang) {
  language = lang === 'en' ? 'en' : 'km';
  localStorage.setItem('phum.lang', language);
  document.documentElement.lang = language;
}

export function t(key, values = {}) {
  const entry = strings[key];
  const text = entry && entry[language];
  if (text === undefined) return `⟦${key}⟧`;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

// Fills every [data-i18n] element under `root` with its string.
export function translate(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
}

// Dates as the reader expects them. Khmer is formatted here, not by the browser: a browser
// without Khmer locale data (Debian's Chromium) silently falls back to English.
const khmerMonths = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];

export function khmerDigits(text) {
  return String(text).replace(/[0-9]/g, (digit) => String.fromCharCode(0x17e0 + Number(digit)));
}

function twoDigits(n) { return String(n).padStart(2, '0'); }

function khmerDate(date) {
  return khmerDigits(`${date.getDate()} ${khmerMonths[date.getMonth()]} ${date.getFullYear()}`);
}

export function formatTime(ms) {
  if (!ms) return '';
  const date = new Date(Number(ms));
  if (language === 'km') {
    return `${khmerDate(date)} ${khmerDigits(`${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`)}`;
  }
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

// Counts and revision numbers, in Khmer digits on a Khmer page.
export function formatNumber(n) {
  return language === 'km' ? khmerDigits(n) : String(n);
}

export function formatDate(ms) {
  if (!ms) return '';
  const date = new Date(Number(ms));
  return language === 'km' ? khmerDate(date) : date.toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

export const languages = ['km', 'en'];
export const dictionary = strings;
