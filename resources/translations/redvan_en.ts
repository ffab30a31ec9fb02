<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CreateVaultWizard</name>
    <message numerus="yes">
        <source>You are the first coordinator. Your initials are enough; your passphrase unlocks the vault. A few unrelated words make a good passphrase (at least %n characters).</source>
        <translation>
            <numerusform>You are the first coordinator. Your initials are enough; your passphrase unlocks the vault. A few unrelated words make a good passphrase (at least %n character).</numerusform>
            <numerusform>You are the first coordinator. Your initials are enough; your passphrase unlocks the vault. A few unrelated words make a good passphrase (at least %n characters).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EarlierBackups</name>
    <message numerus="yes">
        <source>%n backup(s) destroyed. Copies of them made elsewhere (a USB stick, another computer, a cloud folder) cannot be reached from here and still open with the old key: destroy them there too.</source>
        <translation>
            <numerusform>%n backup destroyed. Copies of it made elsewhere (a USB stick, another computer, a cloud folder) cannot be reached from here and still open with the old key: destroy them there too.</numerusform>
            <numerusform>%n backups destroyed. Copies of them made elsewhere (a USB stick, another computer, a cloud folder) cannot be reached from here and still open with the old key: destroy them there too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) here were made under an earlier vault key: the old key files, passphrases and recovery code of their day still open them, including those of anyone revoked since.</source>
        <translation>
            <numerusform>%n backup here was made under an earlier vault key: the old key files, passphrases and recovery code of its day still open it, including those of anyone revoked since.</numerusform>
            <numerusform>%n backups here were made under an earlier vault key: the old key files, passphrases and recovery code of their day still open them, including those of anyone revoked since.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Destroy %n backup(s) made under an earlier key? They cannot be restored afterwards. Copies made elsewhere cannot be reached from here.</source>
        <translation>
            <numerusform>Destroy %n backup made under an earlier key? It cannot be restored afterwards. Copies made elsewhere cannot be reached from here.</numerusform>
            <numerusform>Destroy %n backups made under an earlier key? They cannot be restored afterwards. Copies made elsewhere cannot be reached from here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message numerus="yes">
        <source>%n incident(s) will be printed. Read each description as it will appear, edit it if needed (the record is not changed) and confirm it.</source>
        <translation>
            <numerusform>%n incident will be printed. Read its description as it will appear, edit it if needed (the record is not changed) and confirm it.</numerusform>
            <numerusform>%n incidents will be printed. Read each description as it will appear, edit it if needed (the record is not changed) and confirm it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 in %2 with %n incident(s).</source>
        <translation>
            <numerusform>Saved %1 in %2 with %n incident.</numerusform>
            <numerusform>Saved %1 in %2 with %n incidents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FiguresTab</name>
    <message numerus="yes">
        <source>%Ln figure(s) in the bundle.</source>
        <translation>
            <numerusform>%Ln figure in the bundle.</numerusform>
            <numerusform>%Ln figures in the bundle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Overdue by %n day</numerusform>
            <numerusform>Overdue by %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message numerus="yes">
        <source>Overdue (%n)</source>
        <translation>
            <numerusform>Overdue (%n)</numerusform>
            <numerusform>Overdue (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today (%n)</source>
        <translation>
            <numerusform>Today (%n)</numerusform>
            <numerusform>Today (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upcoming (%n)</source>
        <translation>
            <numerusform>Upcoming (%n)</numerusform>
            <numerusform>Upcoming (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message numerus="yes">
        <source>Wrong recovery code (attempt %n).</source>
        <translation>
            <numerusform>Wrong recovery code (attempt %n).</numerusform>
            <numerusform>Wrong recovery code (attempt %n).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrong passphrase for %1 (attempt %n).</source>
        <translation>
            <numerusform>Wrong passphrase for %1 (attempt %n).</numerusform>
            <numerusform>Wrong passphrase for %1 (attempt %n).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next try in %n s.</source>
        <translation>
            <numerusform>Next try in %n s.</numerusform>
            <numerusform>Next try in %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passphrases for %1. Next try in %n s.</source>
        <translation>
            <numerusform>Too many wrong passphrases for %1. Next try in %n s.</numerusform>
            <numerusform>Too many wrong passphrases for %1. Next try in %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The counter of wrong passphrases %1, so Red Van waits the longest delay: try again in %n s. If nobody here removed or changed it, someone may have tried to get round the delay between wrong passphrases.</source>
        <translation>
            <numerusform>The counter of wrong passphrases %1, so Red Van waits the longest delay: try again in %n s. If nobody here removed or changed it, someone may have tried to get round the delay between wrong passphrases.</numerusform>
            <numerusform>The counter of wrong passphrases %1, so Red Van waits the longest delay: try again in %n s. If nobody here removed or changed it, someone may have tried to get round the delay between wrong passphrases.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message numerus="yes">
        <source>it has fewer than %n characters</source>
        <translation>
            <numerusform>it has fewer than %n character</numerusform>
            <numerusform>it has fewer than %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message numerus="yes">
        <source>Last seen %1, %n services</source>
        <translation>
            <numerusform>Last seen %1, %n service</numerusform>
            <numerusform>Last seen %1, %n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message numerus="yes">
        <source>Found: %n or more</source>
        <translation>
            <numerusform>Found: %n or more</numerusform>
            <numerusform>Found: %n or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found: %n</source>
        <translation>
            <numerusform>Found: %n</numerusform>
            <numerusform>Found: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message numerus="yes">
        <source>About %n second(s) left</source>
        <translation>
            <numerusform>About %n second left</numerusform>
            <numerusform>About %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n minute(s) left</source>
        <translation>
            <numerusform>About %n minute left</numerusform>
            <numerusform>About %n minutes left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message numerus="yes">
        <source>%Ln de-identified record(s), one per contact: the week, a pseudonym that exists only in this bundle, the services and the referrals&apos; status.</source>
        <translation>
            <numerusform>%Ln de-identified record, one per contact: the week, a pseudonym that exists only in this bundle, the services and the referrals&apos; status.</numerusform>
            <numerusform>%Ln de-identified records, one per contact: the week, a pseudonym that exists only in this bundle, the services and the referrals&apos; status.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralsModel</name>
    <message numerus="yes">
        <source>%1 · open %n day(s)</source>
        <translation>
            <numerusform>%1 · open %n day</numerusform>
            <numerusform>%1 · open %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message numerus="yes">
        <source>The bundle holds the report as a PDF of %n page(s), %1.</source>
        <translation>
            <numerusform>The bundle holds the report as a PDF of %n page, %1.</numerusform>
            <numerusform>The bundle holds the report as a PDF of %n pages, %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportingDaySection</name>
    <message numerus="yes">
        <source>Saved; %n contact(s) moved to another week.</source>
        <translation>
            <numerusform>Saved; %n contact moved to another week.</numerusform>
            <numerusform>Saved; %n contacts moved to another week.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <source>%n figure(s) differ from the exact count.</source>
        <translation>
            <numerusform>%n figure differs from the exact count.</numerusform>
            <numerusform>%n figures differ from the exact count.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RotationDialog</name>
    <message numerus="yes">
        <source>About %n s left.</source>
        <translation>
            <numerusform>About %n s left.</numerusform>
            <numerusform>About %n s left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message numerus="yes">
        <source>Let the new member type their own passphrase (at least %n characters; a few unrelated words work well).</source>
        <translation>
            <numerusform>Let the new member type their own passphrase (at least %n character; a few unrelated words work well).</numerusform>
            <numerusform>Let the new member type their own passphrase (at least %n characters; a few unrelated words work well).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TonightPage</name>
    <message numerus="yes">
        <source>Follow-ups due (%n)</source>
        <translation>
            <numerusform>Follow-ups due (%n)</numerusform>
            <numerusform>Follow-ups due (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message numerus="yes">
        <source>Wait %n s</source>
        <translation>
            <numerusform>Wait %n s</numerusform>
            <numerusform>Wait %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message numerus="yes">
        <source>%n figure(s) do not match the records they were counted from.</source>
        <translation>
            <numerusform>%n figure does not match the records it was counted from.</numerusform>
            <numerusform>%n figures do not match the records they were counted from.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln figure(s) that can be recomputed from the records match.</source>
        <translation>
            <numerusform>The %Ln figure that can be recomputed from the records matches.</numerusform>
            <numerusform>All %Ln figures that can be recomputed from the records match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln figure(s), such as zones and age bands, cannot be recomputed: the de-identified records leave those details out on purpose.</source>
        <translation>
            <numerusform>%Ln figure, such as a zone or an age band, cannot be recomputed: the de-identified records leave those details out on purpose.</numerusform>
            <numerusform>%Ln figures, such as zones and age bands, cannot be recomputed: the de-identified records leave those details out on purpose.</numerusform>
        </translation>
    </message>
</context>
</TS>
