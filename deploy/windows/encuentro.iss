; Inno Setup script: wraps the PyInstaller folder (dist\Encuentro, from build.spec) into
; Encuentro-<version>-setup.exe. Compile on Windows, from the source root:
;   iscc /DAppVersion=0.1.0 deploy\windows\encuentro.iss
; (.github/workflows/package.yml does this with the version from pyproject.toml.)
;
; Per user, no administrator needed (an administrator may choose "all users"). Answers are not in
; the program folder: Encuentro keeps them in the user's data folder
; (%LOCALAPPDATA%\Encuentro\Encuentro, platformdirs), which setup never writes and the uninstaller
; never deletes; installing a newer version over an older one keeps every session.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Encuentro"
#define AppExe "Encuentro.exe"

[Setup]
; Never change AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{6F0B1C52-3A7E-4B8E-9C1D-2E5A7F4D8B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Encuentro
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Encuentro-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\encuentro.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app must be closed to replace its files (it saves every answer, so closing loses nothing).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\Encuentro\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that this one no longer ships (the program folder only).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what setup installed. The data folder
; (%LOCALAPPDATA%\Encuentro) and its logs stay for the next installation or for a backup.
