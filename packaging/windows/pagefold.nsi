; Pagefold installer for Windows (NSIS 3, Unicode), in English and Korean.
;
; Packs a PyInstaller one-folder build (dist\pagefold) into a per-user installer: no
; administrator rights, installs to %LOCALAPPDATA%\Programs\Pagefold, adds Start menu (and
; optionally desktop) shortcuts and an entry in Settings > Apps. User data
; (%LOCALAPPDATA%\Pagefold) is never touched by the uninstaller.
;
; Build with packaging/windows/build_installer.py, which renders APPINFO from pyproject.toml
; and resources/app.json and passes:
;   -DAPPINFO=<appinfo.nsh>   name, version, publisher, homepage (rendered)
;   -DPAYLOAD=<dir>           the one-folder build to pack
;   -DICON=<pagefold.ico>     rendered from resources/icons/pagefold.svg
;   -DOUTFILE=<setup.exe>
;   -DLICENSE_FILE=<LICENSE>  only when the checkout has one (shows the licence page)
;
; Air-gapped sites: a folder named "pagefold-offline" beside the setup program (same USB
; stick or DVD) is copied into the installation; see packaging/offline/README.md. This keeps
; multi-gigabyte models out of the installer, which NSIS caps at 2 GB.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!include "${APPINFO}"
!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_NAME}" "InstallDir"
RequestExecutionLevel user
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${WIN_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Copyright ${COPYRIGHT}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${APP_VERSION} Setup"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define EXE "${APP_ID}.exe"

; --- pages ---------------------------------------------------------------------------------------
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\${APP_NAME}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!ifdef LICENSE_FILE
  !insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!endif
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Korean"
!insertmacro MUI_RESERVEFILE_LANGDLL

; --- strings (English, Korean) -------------------------------------------------------------------
LangString SEC_APP ${LANG_ENGLISH} "${APP_NAME} (required)"
LangString SEC_APP ${LANG_KOREAN} "${APP_NAME} (필수)"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString SEC_DESKTOP ${LANG_KOREAN} "바탕 화면 바로 가기"
LangString DESC_APP ${LANG_ENGLISH} "The program, its embedding models and the Korean morphological analyser."
LangString DESC_APP ${LANG_KOREAN} "프로그램, 임베딩 모델, 한국어 형태소 분석기."
LangString DESC_DESKTOP ${LANG_ENGLISH} "Put a ${APP_NAME} icon on the desktop."
LangString DESC_DESKTOP ${LANG_KOREAN} "바탕 화면에 ${APP_NAME} 아이콘을 만듭니다."
LangString OFFLINE_FOUND ${LANG_ENGLISH} "Copying the offline models found beside the installer..."
LangString OFFLINE_FOUND ${LANG_KOREAN} "설치 프로그램 옆에 있는 오프라인 모델을 복사하는 중..."
LangString STILL_RUNNING ${LANG_ENGLISH} "${APP_NAME} is running. Close it, then press OK."
LangString STILL_RUNNING ${LANG_KOREAN} "${APP_NAME}이(가) 실행 중입니다. 종료한 다음 확인을 누르세요."
LangString DATA_KEPT ${LANG_ENGLISH} "Your collections and conversations are kept in $LOCALAPPDATA\${APP_NAME}."
LangString DATA_KEPT ${LANG_KOREAN} "컬렉션과 대화는 $LOCALAPPDATA\${APP_NAME}에 그대로 남아 있습니다."

; --- install -------------------------------------------------------------------------------------
Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  ; An update replaces the program folder but never the user's data folder.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"

  IfFileExists "$EXEDIR\pagefold-offline\*.*" 0 no_offline
    DetailPrint "$(OFFLINE_FOUND)"
    CreateDirectory "$INSTDIR\_internal\resources\offline"
    CopyFiles /SILENT "$EXEDIR\pagefold-offline\*.*" "$INSTDIR\_internal\resources\offline"
  no_offline:

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "Software\${APP_NAME}" "InstallDir" "$INSTDIR"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "URLInfoAbout" "${HOMEPAGE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(DESC_APP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DESC_DESKTOP)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; --- uninstall: only what the installer put there ------------------------------------------------
Section "Uninstall"
  retry:
  ClearErrors
  Delete "$INSTDIR\${EXE}"
  IfErrors 0 +3
    MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "$(STILL_RUNNING)" IDOK retry
    Abort
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_NAME}"
  DetailPrint "$(DATA_KEPT)"
SectionEnd
