# Every user-facing string of the app has a Khmer translation: lupdate is run on the app's sources
# into a copy of app/i18n/phum_km.ts (the real file is not touched), and any entry it leaves
# unfinished (a new string, or one whose Khmer is missing) fails the test with its source text.
# cmake -DLUPDATE=... -DPROJECT_IN=... -DGENERATOR=... -DTS=... -DWORK=... -P check_translations.cmake
file(MAKE_DIRECTORY "${WORK}")
set(project_json "${WORK}/lupdate_project.json")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${project_json}
  -P "${GENERATOR}" RESULT_VARIABLE generated)
if(NOT generated EQUAL 0)
  message(FATAL_ERROR "could not describe the app's sources for lupdate")
endif()
set(copy "${WORK}/phum_km.ts")
configure_file("${TS}" "${copy}" COPYONLY)
execute_process(COMMAND "${LUPDATE}" -project "${project_json}" -ts "${copy}" -no-obsolete -silent
  RESULT_VARIABLE updated OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT updated EQUAL 0)
  message(FATAL_ERROR "lupdate failed: ${out}${err}")
endif()
file(READ "${copy}" ts)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*(<comment>[^<]*</comment>[^<]*)?<translation type=\"unfinished\"" missing "${ts}")
list(LENGTH missing count)
if(count GREATER 0)
  string(REGEX REPLACE "<translation type=\"unfinished\"" "" missing "${missing}")
  string(REPLACE ";" "\n  " missing "${missing}")
  message(FATAL_ERROR "${count} string(s) without a Khmer translation in app/i18n/phum_km.ts "
    "(run `cmake --build BUILD --target phum_app_lib_lupdate` and translate them):\n  ${missing}")
endif()
message(STATUS "every string of the app has its Khmer translation")
