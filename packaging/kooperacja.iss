; Inno Setup script: the Windows installer of Kooperacja.
;
; Build on Windows after PyInstaller made dist\kooperacja\ :
;   iscc /DAppVersion=0.1.0 packaging\kooperacja.iss
; (the version is the one in pyproject.toml; packaging\smoke_check.py --print-version prints it).
; The installer works without administrator rights (installs for the current user), which is
; what most municipal laptops allow; an administrator may choose "for all users".
; Case data is never in the program folder: the encrypted database lives in the user's
; %LOCALAPPDATA%\Kooperacja and is left untouched by uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Kooperacja"
#define AppExe "kooperacja.exe"

[Setup]
AppId={{6C0E2B7A-5D4F-4C8E-9A21-3F7B1E0D9C42}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kooperacja
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=kooperacja-{#AppVersion}-instalator
SetupIconFile=..\resources\icons\kooperacja.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\kooperacja\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
