<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChangePinDialog</name>
    <message numerus="yes">
        <location filename="../../ui/pin_setup.py" line="192"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second, then try again.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/dashboard_controller.py" line="64"/>
        <source>%n current session(s) on this laptop (newest version of each).</source>
        <translation>
            <numerusform>%n current session on this laptop (newest version of each).</numerusform>
            <numerusform>%n current sessions on this laptop (newest version of each).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/export_dialog.py" line="256"/>
        <source>%n session(s) exported to %1</source>
        <translation>
            <numerusform>%n session exported to %1</numerusform>
            <numerusform>%n sessions exported to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingsController</name>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="165"/>
        <source>%n focus-group session(s)</source>
        <translation>
            <numerusform>%n focus-group session</numerusform>
            <numerusform>%n focus-group sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="166"/>
        <source>%n needs interview(s)</source>
        <translation>
            <numerusform>%n needs interview</numerusform>
            <numerusform>%n needs interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="169"/>
        <source>%n session(s) could not be read (sync again)</source>
        <translation>
            <numerusform>%n session could not be read (sync again)</numerusform>
            <numerusform>%n sessions could not be read (sync again)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormRunner</name>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="168"/>
        <source>%n answer(s) could not be saved and are still only on the screen. If you close the session now they are lost. Close anyway?</source>
        <translation>
            <numerusform>%n answer could not be saved and is still only on the screen. If you close the session now it is lost. Close anyway?</numerusform>
            <numerusform>%n answers could not be saved and are still only on the screen. If you close the session now they are lost. Close anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="385"/>
        <source>⚠ %n required question(s) unanswered here. Next again to go on anyway.</source>
        <translation>
            <numerusform>⚠ %n required question unanswered here. Next again to go on anyway.</numerusform>
            <numerusform>⚠ %n required questions unanswered here. Next again to go on anyway.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="444"/>
        <source>This answer removes %n entry(ies) that already hold answers (%1). Their answers will be lost. Remove them?</source>
        <translation>
            <numerusform>This answer removes %n entry that already holds answers (%1). Its answers will be lost. Remove it?</numerusform>
            <numerusform>This answer removes %n entries that already hold answers (%1). Their answers will be lost. Remove them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="507"/>
        <source>Remove “%1” (%2) and its %n answer(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Remove “%1” (%2) and its %n answer? This cannot be undone.</numerusform>
            <numerusform>Remove “%1” (%2) and its %n answers? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeController</name>
    <message numerus="yes">
        <location filename="../../ui/home_view.py" line="160"/>
        <source>%n session(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n session waiting to be sent.</numerusform>
            <numerusform>%n sessions waiting to be sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message numerus="yes">
        <location filename="../../ui/runner/problems_panel.py" line="72"/>
        <source>%n problem(s) to fix before finalizing:</source>
        <translation>
            <numerusform>%n problem to fix before finalizing:</numerusform>
            <numerusform>%n problems to fix before finalizing:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepeatHeading</name>
    <message numerus="yes">
        <location filename="../../ui/runner/question_block.py" line="256"/>
        <source>%n entered</source>
        <translation>
            <numerusform>%n entered</numerusform>
            <numerusform>%n entered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/review_controller.py" line="157"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/review_controller.py" line="232"/>
        <source>Changes from the previous version (%n answer(s) changed)</source>
        <translation>
            <numerusform>Changes from the previous version (%n answer changed)</numerusform>
            <numerusform>Changes from the previous version (%n answers changed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message numerus="yes">
        <location filename="../../ui/lock_screen.py" line="291"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second, then try again.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lock_screen.py" line="334"/>
        <source>After %n minute(s)</source>
        <translation>
            <numerusform>After %n minute</numerusform>
            <numerusform>After %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsController</name>
    <message numerus="yes">
        <location filename="../../ui/sessions_controller.py" line="288"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sessions_controller.py" line="303"/>
        <source>No session matches this search or these filters (%n session(s) in all).

Change them, or press Clear filters (Alt+L) to see every session.</source>
        <translation>
            <numerusform>No session matches this search or these filters (%n session in all).

Change them, or press Clear filters (Alt+L) to see every session.</numerusform>
            <numerusform>No session matches this search or these filters (%n sessions in all).

Change them, or press Clear filters (Alt+L) to see every session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorSync</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/sync_widget.py" line="128"/>
        <source>%n review(s) waiting to be sent</source>
        <translation>
            <numerusform>%n review waiting to be sent</numerusform>
            <numerusform>%n reviews waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message numerus="yes">
        <location filename="../../ui/pin_dialog.py" line="143"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second, then try again.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
</context>
</TS>
