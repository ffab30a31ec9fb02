<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name>AuditLogTab</name>
    <message>
        <source>What the vault&apos;s audit log says about the period, without names or contents (as written in the bundle).</source>
        <translation>Hvad boksens revisionslog siger om perioden, uden navne eller indhold (som det står i pakken).</translation>
    </message>
    <message>
        <source>Audit log summary</source>
        <translation>Resumé af revisionsloggen</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
</context>
<context>
    <name>AuditRowsModel</name>
    <message>
        <source>no code</source>
        <translation>ingen personkode</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Uge</translation>
    </message>
    <message>
        <source>Person (pseudonym)</source>
        <translation>Person (pseudonym)</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Ydelser</translation>
    </message>
    <message>
        <source>Referrals (status)</source>
        <translation>Henvisninger (status)</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Choose the age key file</source>
        <translation>Vælg age-nøglefilen</translation>
    </message>
    <message>
        <source>Something unexpected went wrong while reading it.</source>
        <translation>Noget uventet gik galt, da filen blev læst.</translation>
    </message>
    <message>
        <source>%1 – audit bundle – Red Van Intake</source>
        <translation>%1 – revisionspakke – Red Van Intake</translation>
    </message>
    <message>
        <source>Audit bundle – Red Van Intake</source>
        <translation>Revisionspakke – Red Van Intake</translation>
    </message>
    <message>
        <source>Audit bundle %1</source>
        <translation>Revisionspakke %1</translation>
    </message>
    <message>
        <source>Read-only: the bundle is never changed. The viewer writes nothing, except a device you choose to trust, to your trusted keys file.</source>
        <translation>Skrivebeskyttet: revisionspakken ændres aldrig. Fremviseren skriver intet, undtagen en enhed, du vælger at stole på, i din fil med betroede nøgler.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Luk</translation>
    </message>
    <message>
        <source>Checking the bundle…</source>
        <translation>Kontrollerer pakken…</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Tal</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>&amp;Registreringer</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>Re&amp;visionslog</translation>
    </message>
    <message>
        <source>R&amp;eport</source>
        <translation>R&amp;apport</translation>
    </message>
    <message>
        <source>&amp;Trusted keys</source>
        <translation>&amp;Betroede nøgler</translation>
    </message>
</context>
<context>
    <name>BackupModel</name>
    <message>
        <source>On lock</source>
        <translation>Ved låsning</translation>
    </message>
    <message>
        <source>On closing</source>
        <translation>Ved lukning</translation>
    </message>
    <message>
        <source>New vault</source>
        <translation>Ny boks</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>Taget manuelt</translation>
    </message>
    <message>
        <source>Before an update</source>
        <translation>Før en opdatering</translation>
    </message>
    <message>
        <source>%1 · earlier key</source>
        <translation>%1 · tidligere nøgle</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Størrelse</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>The vault is backed up automatically when it is locked after a change. A backup is encrypted like the vault and opens with the passphrases of its day.</source>
        <translation>Boksen sikkerhedskopieres automatisk, når den bliver låst efter en ændring. En sikkerhedskopi er krypteret ligesom boksen og åbnes med de adgangskoder, der gjaldt, da den blev taget.</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Tag sikkerhedskopi nu</translation>
    </message>
    <message>
        <source>Automatic backups, &amp;newest first</source>
        <translation>Automatiske sikkerhedskopier, &amp;nyeste først</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Automatiske sikkerhedskopier</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Tager sikkerhedskopi</translation>
    </message>
    <message>
        <source>Kept in %1</source>
        <translation>Gemmes i %1</translation>
    </message>
    <message>
        <source>Backing up and checking the copy…</source>
        <translation>Tager sikkerhedskopi og kontrollerer kopien…</translation>
    </message>
    <message>
        <source>Backing up the vault</source>
        <translation>Tager sikkerhedskopi af boksen</translation>
    </message>
    <message>
        <source>Backup written and checked (%1).</source>
        <translation>Sikkerhedskopien er gemt og kontrolleret (%1).</translation>
    </message>
</context>
<context>
    <name>CompletionModel</name>
    <message>
        <source>No referral here has an outcome yet.</source>
        <translation>Ingen af disse henvisninger har et resultat endnu.</translation>
    </message>
    <message>
        <source>%1 of %2 referrals with an outcome were completed.</source>
        <translation>%1 af %2 henvisninger med et resultat blev gennemført.</translation>
    </message>
    <message>
        <source>All partner organisations</source>
        <translation>Alle samarbejdspartnere</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Samarbejdspartner</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Stadig åbne</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>Gennemførelsesrate</translation>
    </message>
</context>
<context>
    <name>CompletionTab</name>
    <message>
        <source>Fro&amp;m</source>
        <translation>Fr&amp;a</translation>
    </message>
    <message>
        <source>First week</source>
        <translation>Første uge</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Sidste uge</translation>
    </message>
    <message>
        <source>Referrals made in these weeks. The completion rate counts those who attended or were accompanied, out of every referral with an outcome; open referrals are left out of the rate until someone checks on them.</source>
        <translation>Henvisninger i disse uger. Gennemførelsesraten tæller dem, der mødte op eller blev fulgt, ud af alle henvisninger med et resultat; åbne henvisninger tælles ikke med, før nogen har fulgt op på dem.</translation>
    </message>
    <message>
        <source>Completion rate per partner organisation</source>
        <translation>Gennemførelsesrate pr. samarbejdspartner</translation>
    </message>
    <message>
        <source>No referrals were made in these weeks.</source>
        <translation>Der blev ikke henvist nogen i disse uger.</translation>
    </message>
</context>
<context>
    <name>ConsentCard</name>
    <message>
        <source>Kept in the vault for the team. No details are shared outside it.</source>
        <translation>Gemmes i boksen til teamet. Ingen detaljer deles uden for den.</translation>
    </message>
    <message>
        <source>Week, zone and what happened go on the alert sheet for other outreach workers, with the description once a coordinator has checked it.</source>
        <translation>Uge, område og hvad der skete kommer på advarselsarket til andre opsøgende medarbejdere, med beskrivelsen, når en koordinator har gennemgået den.</translation>
    </message>
    <message>
        <source>The organisation passes it on to the police without the person&apos;s identity, with a reference for the police&apos;s questions.</source>
        <translation>Organisationen giver den videre til politiet uden personens identitet, med en reference til politiets spørgsmål.</translation>
    </message>
    <message>
        <source>Only counted in anonymous statistics. No details are shared.</source>
        <translation>Tælles kun med i anonym statistik. Ingen detaljer deles.</translation>
    </message>
    <message>
        <source>Support given</source>
        <translation>Støtte givet</translation>
    </message>
    <message>
        <source>&amp;Consent tier — what the person agreed to</source>
        <translation>Samtykke&amp;niveau — hvad personen har sagt ja til</translation>
    </message>
    <message>
        <source>&amp;Support given</source>
        <translation>St&amp;øtte givet</translation>
    </message>
    <message>
        <source>Perso&amp;n (optional — the link stays in the vault)</source>
        <translation>P&amp;erson (valgfri — koblingen bliver i boksen)</translation>
    </message>
    <message>
        <source>Police references given: %1</source>
        <translation>Udleverede politireferencer: %1</translation>
    </message>
</context>
<context>
    <name>ContactEntryPage</name>
    <message>
        <source>New contact</source>
        <translation>Ny kontakt</translation>
    </message>
    <message>
        <source>Type the person&apos;s code, or choose No code (Alt+N).</source>
        <translation>Skriv personens kode, eller vælg Uden kode (Alt+U).</translation>
    </message>
    <message>
        <source>Under 18: confirm that you will follow the safeguarding procedure before saving.</source>
        <translation>Under 18 år: bekræft, at du følger proceduren for underretning, før du gemmer.</translation>
    </message>
    <message>
        <source>&amp;Services — keys 1–9 and 0 switch the first ten</source>
        <translation>&amp;Ydelser — tasterne 1–9 og 0 slår de første ti til og fra</translation>
    </message>
</context>
<context>
    <name>ContactHeader</name>
    <message>
        <source>New contact</source>
        <translation>Ny kontakt</translation>
    </message>
    <message>
        <source>Time of the contact</source>
        <translation>Tidspunkt for kontakten</translation>
    </message>
    <message>
        <source>Change it to record a contact from earlier tonight</source>
        <translation>Ret tiden for at registrere en kontakt fra tidligere i aften</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Intet område</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Tid</translation>
    </message>
    <message>
        <source>Ch&amp;annel</source>
        <translation>Kana&amp;l</translation>
    </message>
    <message>
        <source>&amp;Zone</source>
        <translation>O&amp;mråde</translation>
    </message>
    <message>
        <source>No shift is running; contacts are saved without one. Start the shift on Tonight.</source>
        <translation>Der er ingen vagt i gang; kontakter gemmes uden vagt. Start vagten under I aften.</translation>
    </message>
    <message>
        <source>Shift: %1, since %2</source>
        <translation>Vagt: %1, siden kl. %2</translation>
    </message>
</context>
<context>
    <name>CorrectContactDialog</name>
    <message>
        <source>Correct a contact</source>
        <translation>Ret en kontakt</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Uden kode</translation>
    </message>
    <message>
        <source>%1, saved for %2. The correction is kept in the audit log.</source>
        <translation>%1, gemt for %2. Rettelsen gemmes i revisionsloggen.</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Tid</translation>
    </message>
    <message>
        <source>&amp;Zone</source>
        <translation>O&amp;mråde</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>K&amp;anal</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Ydelser</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Time of the contact</source>
        <translation>Tidspunkt for kontakten</translation>
    </message>
    <message>
        <source>&amp;Void this contact…</source>
        <translation>&amp;Fjern kontakten…</translation>
    </message>
    <message>
        <source>Void this contact</source>
        <translation>Fjern kontakten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>&amp;Save correction</source>
        <translation>&amp;Gem rettelsen</translation>
    </message>
    <message>
        <source>&amp;Edit the note</source>
        <translation>&amp;Ret noten</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Gem &amp;alligevel</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Behold den</translation>
    </message>
    <message>
        <source>&amp;Void it</source>
        <translation>&amp;Fjern den</translation>
    </message>
    <message>
        <source>Void this contact? It leaves every count and tally, with its services and referrals; the audit log keeps that it was voided.</source>
        <translation>Fjern kontakten? Den forsvinder fra alle tal og opgørelser, med sine ydelser og henvisninger; revisionsloggen viser, at den blev fjernet.</translation>
    </message>
    <message>
        <source>&amp;Correct this contact…</source>
        <translation>&amp;Ret kontakten…</translation>
    </message>
</context>
<context>
    <name>CreateVaultWizard</name>
    <message>
        <source>Red Van keeps everything in one encrypted vault on this computer. Nothing is sent anywhere. Choose where the vault file is saved; keep it on this computer&apos;s own disk.</source>
        <translation>Red Van gemmer alt i én krypteret boks på denne computer. Intet bliver sendt nogen steder hen. Vælg, hvor boksfilen skal gemmes; læg den på computerens egen disk.</translation>
    </message>
    <message>
        <source>&amp;Vault file</source>
        <translation>&amp;Boksfil</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Gennemse…</translation>
    </message>
    <message numerus="yes">
        <source>You are the first coordinator. Your initials are enough; your passphrase unlocks the vault. A few unrelated words make a good passphrase (at least %n characters).</source>
        <translation>
            <numerusform>Du er den første koordinator. Dine initialer er nok; din adgangskode låser boksen op. Et par ord, der ikke hænger sammen, giver en god adgangskode (mindst %n tegn).</numerusform>
            <numerusform>Du er den første koordinator. Dine initialer er nok; din adgangskode låser boksen op. Et par ord, der ikke hænger sammen, giver en god adgangskode (mindst %n tegn).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Initials</source>
        <translation>&amp;Initialer</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Gentag</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Gentag adgangskoden</translation>
    </message>
    <message>
        <source>This is the vault&apos;s recovery code. It is shown only now. With a forgotten passphrase, this code is the only way back in.</source>
        <translation>Dette er boksens gendannelseskode. Den bliver kun vist nu. Hvis en adgangskode bliver glemt, er denne kode den eneste vej ind igen.</translation>
    </message>
    <message>
        <source>&amp;Save recovery sheet (PDF)…</source>
        <translation>&amp;Gem gendannelsesark (PDF)…</translation>
    </message>
    <message>
        <source>Without both the passphrase and this code, the data in the vault is gone for good: nobody, not even the makers of Red Van, can recover it. Keep the code away from this computer.</source>
        <translation>Uden både adgangskoden og denne kode er dataene i boksen tabt for altid: ingen, heller ikke dem, der har lavet Red Van, kan hente dem tilbage. Opbevar koden et andet sted end på denne computer.</translation>
    </message>
    <message>
        <source>I have written down the recovery code or stored the sheet somewhere safe</source>
        <translation>Jeg har skrevet gendannelseskoden ned eller lagt arket et sikkert sted</translation>
    </message>
    <message>
        <source>This laptop joins an organisation: show how, in Settings → Organisation</source>
        <translation>Denne bærbare skal tilsluttes en organisation: vis hvordan under Indstillinger → Organisation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Tilbage</translation>
    </message>
    <message>
        <source>Create a vault</source>
        <translation>Opret en boks</translation>
    </message>
    <message>
        <source>First coordinator</source>
        <translation>Første koordinator</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Gendannelseskode</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>&amp;Opret boks</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>Fær&amp;dig</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Næste</translation>
    </message>
    <message>
        <source>Vault file</source>
        <translation>Boksfil</translation>
    </message>
    <message>
        <source>Red Van vaults (*.redvan)</source>
        <translation>Red Van-bokse (*.redvan)</translation>
    </message>
    <message>
        <source>A file already exists there. Choose another name.</source>
        <translation>Der findes allerede en fil med det navn. Vælg et andet navn.</translation>
    </message>
    <message>
        <source>Choose where to save the vault.</source>
        <translation>Vælg, hvor boksen skal gemmes.</translation>
    </message>
    <message>
        <source>Type your initials.</source>
        <translation>Skriv dine initialer.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De to adgangskoder er ikke ens.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Opretter…</translation>
    </message>
</context>
<context>
    <name>EarlierBackups</name>
    <message numerus="yes">
        <source>%n backup(s) destroyed. Copies of them made elsewhere (a USB stick, another computer, a cloud folder) cannot be reached from here and still open with the old key: destroy them there too.</source>
        <translation>
            <numerusform>%n sikkerhedskopi er slettet. Kopier af den andre steder (en USB-nøgle, en anden computer, en skymappe) kan ikke nås herfra og kan stadig åbnes med den gamle nøgle: slet dem også der.</numerusform>
            <numerusform>%n sikkerhedskopier er slettet. Kopier af dem andre steder (en USB-nøgle, en anden computer, en skymappe) kan ikke nås herfra og kan stadig åbnes med den gamle nøgle: slet dem også der.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) here were made under an earlier vault key: the old key files, passphrases and recovery code of their day still open them, including those of anyone revoked since.</source>
        <translation>
            <numerusform>%n sikkerhedskopi her er lavet med en tidligere nøgle til boksen: den tids nøglefiler, adgangskoder og gendannelseskode kan stadig åbne den, også hos dem, hvis nøgle er inddraget siden.</numerusform>
            <numerusform>%n sikkerhedskopier her er lavet med en tidligere nøgle til boksen: den tids nøglefiler, adgangskoder og gendannelseskode kan stadig åbne dem, også hos dem, hvis nøgle er inddraget siden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Destroy backups made under an earlier key…</source>
        <translation>&amp;Slet sikkerhedskopier lavet med en tidligere nøgle…</translation>
    </message>
    <message numerus="yes">
        <source>Destroy %n backup(s) made under an earlier key? They cannot be restored afterwards. Copies made elsewhere cannot be reached from here.</source>
        <translation>
            <numerusform>Slet %n sikkerhedskopi lavet med en tidligere nøgle? Den kan ikke gendannes bagefter. Kopier andre steder kan ikke nås herfra.</numerusform>
            <numerusform>Slet %n sikkerhedskopier lavet med en tidligere nøgle? De kan ikke gendannes bagefter. Kopier andre steder kan ikke nås herfra.</numerusform>
        </translation>
    </message>
    <message>
        <source>Destroy them</source>
        <translation>Slet dem</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>Alert &amp;sheet for other outreach workers</source>
        <translation>Advarselsark til andre op&amp;søgende</translation>
    </message>
    <message>
        <source>Incidents with the consent tier “warn other workers”: week, zone, what happened and the checked description. Nobody can be recognised from it.</source>
        <translation>Hændelser med samtykkeniveauet »advar andre opsøgende«: uge, område, hvad der skete og den gennemgåede beskrivelse. Ingen kan genkendes ud fra det.</translation>
    </message>
    <message>
        <source>Anonymous report to the &amp;police</source>
        <translation>Anonym anmeldelse til &amp;politiet</translation>
    </message>
    <message>
        <source>Incidents with the consent tier “share anonymously with police via the organisation”, each with a new reference kept in the vault, so the organisation can answer the police&apos;s questions without naming anyone.</source>
        <translation>Hændelser med samtykkeniveauet »del anonymt med politiet via organisationen«, hver med en ny reference, der gemmes i boksen, så organisationen kan svare på politiets spørgsmål uden at nævne nogen.</translation>
    </message>
    <message>
        <source>First week</source>
        <translation>Første uge</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Sidste uge</translation>
    </message>
    <message>
        <source>Language of the document</source>
        <translation>Dokumentets sprog</translation>
    </message>
    <message>
        <source>R&amp;eview descriptions</source>
        <translation>&amp;Gennemgå beskrivelser</translation>
    </message>
    <message>
        <source>Review the descriptions to print</source>
        <translation>Gennemgå de beskrivelser, der skal udskrives</translation>
    </message>
    <message>
        <source>What to make</source>
        <translation>Hvad skal laves</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>Fra og &amp;med</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>La&amp;nguage</source>
        <translation>Spr&amp;og</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>Gem P&amp;DF …</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Gem PDF-filen</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dansk</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelsk</translation>
    </message>
    <message>
        <source>The last week comes before the first.</source>
        <translation>Den sidste uge ligger før den første.</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Intet område</translation>
    </message>
    <message>
        <source>Choose the weeks, then review: you will read every description exactly as it will be printed before anything is saved.</source>
        <translation>Vælg ugerne, og gennemgå dem: du læser hver beskrivelse præcis, som den bliver udskrevet, før noget gemmes.</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) will be printed. Read each description as it will appear, edit it if needed (the record is not changed) and confirm it.</source>
        <translation>
            <numerusform>%n hændelse bliver udskrevet. Læs beskrivelsen, som den vil se ud, ret den om nødvendigt (registreringen ændres ikke), og bekræft den.</numerusform>
            <numerusform>%n hændelser bliver udskrevet. Læs hver beskrivelse, som den vil se ud, ret den om nødvendigt (registreringen ændres ikke), og bekræft den.</numerusform>
        </translation>
    </message>
    <message>
        <source>No incident in these weeks has the consent tier “warn other workers”.</source>
        <translation>Ingen hændelse i disse uger har samtykkeniveauet »advar andre opsøgende«.</translation>
    </message>
    <message>
        <source>No incident in these weeks has the consent tier “share anonymously with police via the organisation”.</source>
        <translation>Ingen hændelse i disse uger har samtykkeniveauet »del anonymt med politiet via organisationen«.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Confirm every description first.</source>
        <translation>Bekræft først alle beskrivelser.</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Skriver PDF-filen …</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 in %2 with %n incident(s).</source>
        <translation>
            <numerusform>Gemte %1 i %2 med %n hændelse.</numerusform>
            <numerusform>Gemte %1 i %2 med %n hændelser.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each incident&apos;s reference is kept in the vault: look it up on the list.</source>
        <translation>Hver hændelses reference gemmes i boksen: slå den op på listen.</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>matches</source>
        <translation>passer</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>passer ikke</translation>
    </message>
    <message>
        <source>cannot be recomputed</source>
        <translation>kan ikke genberegnes</translation>
    </message>
    <message>
        <source>not recomputed</source>
        <translation>ikke genberegnet</translation>
    </message>
    <message>
        <source>The bundle states %1, but its records give %2.</source>
        <translation>Pakken angiver %1, men dens registreringer giver %2.</translation>
    </message>
    <message>
        <source>The de-identified records do not carry what this figure counts.</source>
        <translation>De afidentificerede registreringer indeholder ikke det, dette tal tæller.</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Tal</translation>
    </message>
    <message>
        <source>Stated</source>
        <translation>Angivet</translation>
    </message>
    <message>
        <source>Recomputed</source>
        <translation>Genberegnet</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrol</translation>
    </message>
</context>
<context>
    <name>FiguresTab</name>
    <message>
        <source>Figures and their reconciliation</source>
        <translation>Tallene og deres afstemning</translation>
    </message>
    <message>
        <source>Each figure as the bundle states it and as recomputed from its records. ✓ matches, ✗ does not match, — cannot be recomputed from de-identified records.</source>
        <translation>Hvert tal, som pakken angiver det, og som det genberegnes ud fra dens registreringer. ✓ passer, ✗ passer ikke, — kan ikke genberegnes ud fra afidentificerede registreringer.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln figure(s) in the bundle.</source>
        <translation>
            <numerusform>%Ln tal i pakken.</numerusform>
            <numerusform>%Ln tal i pakken.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsCard</name>
    <message>
        <source>Wants &amp;exit support</source>
        <translation>Ønsker støtte til &amp;exit</translation>
    </message>
    <message>
        <source>Wants exit support</source>
        <translation>Ønsker støtte til exit</translation>
    </message>
    <message>
        <source>Agrees to &amp;follow-up since</source>
        <translation>Samtykker til &amp;opfølgning siden</translation>
    </message>
    <message>
        <source>Agrees to follow-up</source>
        <translation>Samtykker til opfølgning</translation>
    </message>
    <message>
        <source>Date of agreeing to follow-up</source>
        <translation>Dato for samtykke til opfølgning</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>&amp;Include</source>
        <translation>&amp;Tilknyt</translation>
    </message>
    <message>
        <source>Include in the programme from today</source>
        <translation>Tilknyt personen til projektet fra i dag</translation>
    </message>
    <message>
        <source>&amp;Programme</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>In %1 since %2</source>
        <translation>Tilknyttet %1 siden %2</translation>
    </message>
    <message>
        <source>Not in any programme.</source>
        <translation>Ikke tilknyttet noget projekt.</translation>
    </message>
    <message>
        <source>No programmes set up</source>
        <translation>Ingen projekter oprettet</translation>
    </message>
    <message>
        <source>In every programme</source>
        <translation>Tilknyttet alle projekter</translation>
    </message>
    <message>
        <source>Saved: wants exit support.</source>
        <translation>Gemt: ønsker støtte til exit.</translation>
    </message>
    <message>
        <source>Saved: no exit support wanted.</source>
        <translation>Gemt: ønsker ikke støtte til exit.</translation>
    </message>
    <message>
        <source>Saved: does not agree to follow-up.</source>
        <translation>Gemt: samtykker ikke til opfølgning.</translation>
    </message>
    <message>
        <source>Saved: agrees to follow-up since %1.</source>
        <translation>Gemt: samtykker til opfølgning siden %1.</translation>
    </message>
    <message>
        <source>Included in %1 from today.</source>
        <translation>Tilknyttet %1 fra i dag.</translation>
    </message>
    <message>
        <source>Already in %1.</source>
        <translation>Allerede tilknyttet %1.</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <source>%1, overdue</source>
        <translation>%1, overskredet</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Overskredet med %n dag</numerusform>
            <numerusform>Overskredet med %n dage</numerusform>
        </translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Henvisning</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Follow-ups</source>
        <translation>Opfølgninger</translation>
    </message>
    <message>
        <source>What the team promised to do: open follow-ups by due date. Select one to close it.</source>
        <translation>Det, teamet har lovet at gøre: åbne opfølgninger efter frist. Vælg en for at afslutte den.</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Opfølgninger med overskredet frist</translation>
    </message>
    <message>
        <source>Follow-ups due today</source>
        <translation>Opfølgninger med frist i dag</translation>
    </message>
    <message>
        <source>Upcoming follow-ups</source>
        <translation>Kommende opfølgninger</translation>
    </message>
    <message>
        <source>Nothing overdue.</source>
        <translation>Ingen frister er overskredet.</translation>
    </message>
    <message>
        <source>Nothing due today.</source>
        <translation>Ingen frister i dag.</translation>
    </message>
    <message>
        <source>Nothing planned.</source>
        <translation>Intet planlagt.</translation>
    </message>
    <message>
        <source>Follow-ups by due date</source>
        <translation>Opfølgninger efter frist</translation>
    </message>
    <message>
        <source>Close the selected follow-up</source>
        <translation>Afslut den valgte opfølgning</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Resultat:</translation>
    </message>
    <message>
        <source>Optional — what happened, no names or numbers</source>
        <translation>Valgfrit — hvad skete der? Ingen navne eller numre</translation>
    </message>
    <message>
        <source>Outcome (optional)</source>
        <translation>Resultat (valgfrit)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>U&amp;dført</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Markér som udført</translation>
    </message>
    <message>
        <source>&amp;Missed</source>
        <translation>Ikke genne&amp;mført</translation>
    </message>
    <message>
        <source>Mark missed</source>
        <translation>Markér som ikke gennemført</translation>
    </message>
    <message>
        <source>&amp;Cancelled</source>
        <translation>&amp;Aflyst</translation>
    </message>
    <message>
        <source>Mark cancelled</source>
        <translation>Markér som aflyst</translation>
    </message>
    <message>
        <source>Save an&amp;yway</source>
        <translation>&amp;Gem alligevel</translation>
    </message>
    <message>
        <source>Save the outcome anyway</source>
        <translation>Gem resultatet alligevel</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>Ny opfølgning</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>Alias, e.g. Heron-42</source>
        <translation>Alias, fx Hejre-42</translation>
    </message>
    <message>
        <source>Person&apos;s alias</source>
        <translation>Personens alias</translation>
    </message>
    <message>
        <source>Matching persons</source>
        <translation>Fundne personer</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Type of follow-up</source>
        <translation>Opfølgningens type</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>Fr&amp;ist:</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>&amp;Assigned to:</source>
        <translation>An&amp;svarlig:</translation>
    </message>
    <message>
        <source>Assigned staff member</source>
        <translation>Ansvarlig medarbejder</translation>
    </message>
    <message>
        <source>Add follo&amp;w-up</source>
        <translation>Tilføj &amp;opfølgning</translation>
    </message>
    <message>
        <source>Add the follow-up</source>
        <translation>Tilføj opfølgningen</translation>
    </message>
    <message numerus="yes">
        <source>Overdue (%n)</source>
        <translation>
            <numerusform>Overskredet (%n)</numerusform>
            <numerusform>Overskredet (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today (%n)</source>
        <translation>
            <numerusform>I dag (%n)</numerusform>
            <numerusform>I dag (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upcoming (%n)</source>
        <translation>
            <numerusform>Kommende (%n)</numerusform>
            <numerusform>Kommende (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a follow-up in the list above.</source>
        <translation>Vælg en opfølgning på listen ovenfor.</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <source>Select a follow-up in the list first.</source>
        <translation>Vælg først en opfølgning på listen.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Ingen endnu</translation>
    </message>
    <message>
        <source>seen %1</source>
        <translation>set %1</translation>
    </message>
    <message>
        <source>No one with that alias</source>
        <translation>Ingen med det alias</translation>
    </message>
    <message>
        <source>Type the person&apos;s alias and choose them from the list.</source>
        <translation>Skriv personens alias, og vælg personen på listen.</translation>
    </message>
    <message>
        <source>Planned for %1, due %2.</source>
        <translation>Planlagt for %1 med frist %2.</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <source>Edi&amp;t description</source>
        <translation>Re&amp;t beskrivelse</translation>
    </message>
    <message>
        <source>Edit the description</source>
        <translation>Ret beskrivelsen</translation>
    </message>
    <message>
        <source>Save an&amp;yway</source>
        <translation>&amp;Gem alligevel</translation>
    </message>
    <message>
        <source>Save the description as it is</source>
        <translation>Gem beskrivelsen, som den er</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>R&amp;yd</translation>
    </message>
    <message>
        <source>Clear the form without saving</source>
        <translation>Ryd formularen uden at gemme</translation>
    </message>
    <message>
        <source>Save  (Ctrl+Enter)</source>
        <translation>Gem  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save the incident</source>
        <translation>Gem hændelsen</translation>
    </message>
    <message>
        <source>New incident. Tick what happened and what the person agreed to.</source>
        <translation>Ny hændelse. Markér, hvad der skete, og hvad personen har sagt ja til.</translation>
    </message>
    <message>
        <source>Changing the incident of %1 — the change is kept in the audit log</source>
        <translation>Du ændrer hændelsen fra %1 — ændringen noteres i revisionsloggen</translation>
    </message>
    <message>
        <source>Tick at least one thing that happened.</source>
        <translation>Markér mindst én ting, der skete.</translation>
    </message>
    <message>
        <source>Choose what the person agreed to: the consent tier.</source>
        <translation>Vælg, hvad personen har sagt ja til: samtykkeniveauet.</translation>
    </message>
    <message>
        <source>Choose the person from the list, or empty the person field.</source>
        <translation>Vælg personen på listen, eller tøm personfeltet.</translation>
    </message>
    <message>
        <source>Changes saved — incident of %1</source>
        <translation>Ændringer gemt — hændelse fra %1</translation>
    </message>
    <message>
        <source>Saved — incident of %1</source>
        <translation>Gemt — hændelse fra %1</translation>
    </message>
</context>
<context>
    <name>IncidentList</name>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>C&amp;onsent</source>
        <translation>Sa&amp;mtykke</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Type of incident</source>
        <translation>Type af hændelse</translation>
    </message>
    <message>
        <source>Consent tier</source>
        <translation>Samtykkeniveau</translation>
    </message>
    <message>
        <source>Recorded incidents</source>
        <translation>Registrerede hændelser</translation>
    </message>
    <message>
        <source>No incidents recorded in this period.</source>
        <translation>Ingen hændelser registreret i perioden.</translation>
    </message>
    <message>
        <source>Police reference to look up</source>
        <translation>Politireference, der skal slås op</translation>
    </message>
    <message>
        <source>Look &amp;up</source>
        <translation>Slå &amp;op</translation>
    </message>
    <message>
        <source>Look up the police reference</source>
        <translation>Slå politireferencen op</translation>
    </message>
    <message>
        <source>Op&amp;en</source>
        <translation>&amp;Åbn</translation>
    </message>
    <message>
        <source>Open the selected incident</source>
        <translation>Åbn den valgte hændelse</translation>
    </message>
    <message>
        <source>&amp;New incident</source>
        <translation>&amp;Ny hændelse</translation>
    </message>
    <message>
        <source>Record a new incident</source>
        <translation>Registrér en ny hændelse</translation>
    </message>
    <message>
        <source>Pol&amp;ice reference</source>
        <translation>Pol&amp;itireference</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Seneste 4 uger</translation>
    </message>
    <message>
        <source>Last 13 weeks</source>
        <translation>Seneste 13 uger</translation>
    </message>
    <message>
        <source>Last 52 weeks</source>
        <translation>Seneste 52 uger</translation>
    </message>
    <message>
        <source>Every incident</source>
        <translation>Alle hændelser</translation>
    </message>
    <message>
        <source>Every type</source>
        <translation>Alle typer</translation>
    </message>
    <message>
        <source>Every consent tier</source>
        <translation>Alle samtykkeniveauer</translation>
    </message>
    <message>
        <source>No incident has that police reference.</source>
        <translation>Ingen hændelse har den politireference.</translation>
    </message>
    <message>
        <source>That reference belongs to the incident of %1, selected in the list</source>
        <translation>Referencen hører til hændelsen fra %1, som er valgt i listen</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Hvad skete der</translation>
    </message>
    <message>
        <source>Consent tier</source>
        <translation>Samtykkeniveau</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Politi</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Incidents</source>
        <translation>Hændelser</translation>
    </message>
    <message>
        <source>Violence, theft, threats or abuse a person tells the team about (“frit lejde”). Only what the person agreed to ever leaves the vault.</source>
        <translation>Vold, tyveri, trusler eller overgreb, som en person fortæller teamet om (frit lejde). Kun det, personen har givet samtykke til, forlader nogensinde boksen.</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrér</translation>
    </message>
    <message>
        <source>&amp;Alert sheet and police report</source>
        <translation>&amp;Advarselsark og anmeldelse</translation>
    </message>
</context>
<context>
    <name>LanguageSection</name>
    <message>
        <source>The language of the screens and reports on this computer. Lists such as services and zones have labels in both languages, set under Lists.</source>
        <translation>Sproget i skærmbilleder og rapporter på denne computer. Lister som ydelser og områder har betegnelser på begge sprog; de sættes under Lister.</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 tegn</translation>
    </message>
    <message>
        <source>%1 — too long: shorten it to save.</source>
        <translation>%1 — for lang: gør den kortere for at gemme.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Red Van Intake</source>
        <translation>Red Van Intake</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;New vault…</source>
        <translation>&amp;Ny boks…</translation>
    </message>
    <message>
        <source>&amp;Open vault…</source>
        <translation>&amp;Åbn boks…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Gendan en sikkerhedskopi…</translation>
    </message>
    <message>
        <source>Open an &amp;audit bundle…</source>
        <translation>Åbn en &amp;revisionspakke…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Mørkt tema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>&amp;About Red Van Intake</source>
        <translation>&amp;Om Red Van Intake</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <source>Read-only: the disk is full, nothing can be saved. Free space on that disk (older backups are in %2), then lock (Ctrl+L) and unlock. · %1</source>
        <translation>Kun læsning: disken er fuld, intet kan gemmes. Frigør plads på disken (ældre sikkerhedskopier ligger i %2), og lås så (Ctrl+L) og lås op igen. · %1</translation>
    </message>
    <message>
        <source>Unlocked as %1 · Ctrl+L locks</source>
        <translation>Låst op som %1 · Ctrl+L låser</translation>
    </message>
    <message>
        <source>Open a vault</source>
        <translation>Åbn en boks</translation>
    </message>
    <message>
        <source>Red Van vaults (*.redvan)</source>
        <translation>Red Van-bokse (*.redvan)</translation>
    </message>
    <message>
        <source>Open an audit bundle</source>
        <translation>Åbn en revisionspakke</translation>
    </message>
    <message>
        <source>Audit bundles (*.rvaudit);;All files (*)</source>
        <translation>Revisionspakker (*.rvaudit);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Gendan en sikkerhedskopi</translation>
    </message>
    <message>
        <source>Red Van backups (*.rvbackup)</source>
        <translation>Red Van-sikkerhedskopier (*.rvbackup)</translation>
    </message>
    <message>
        <source>Passphrase of %1 when the backup from %2 was made:</source>
        <translation>Adgangskoden for %1, som den var, da sikkerhedskopien fra %2 blev lavet:</translation>
    </message>
    <message>
        <source>Restored the backup from %1. The damaged vault was kept aside. Unlock with the passphrase that was valid then.</source>
        <translation>Sikkerhedskopien fra %1 er gendannet. Den beskadigede boks er gemt til side. Lås op med den adgangskode, der gjaldt dengang.</translation>
    </message>
    <message>
        <source>This backup was made under an earlier vault key, so the key slots of that time are back, including anyone revoked since. After unlocking, change the vault key (Settings → Staff and keys) and revoke again anyone who should not have a key.</source>
        <translation>Denne sikkerhedskopi er lavet med en tidligere nøgle til boksen, så den tids nøglepladser er tilbage, også for dem, hvis nøgle er inddraget siden. Skift boksens nøgle, når du har låst op (Indstillinger → Medarbejdere og nøgler), og inddrag igen nøglen for alle, der ikke skal have en.</translation>
    </message>
    <message>
        <source>Restoring a backup</source>
        <translation>Gendanner en sikkerhedskopi</translation>
    </message>
    <message>
        <source>Unpacking the backup and checking every table</source>
        <translation>Pakker sikkerhedskopien ud og kontrollerer hver tabel</translation>
    </message>
    <message>
        <source>About Red Van Intake</source>
        <translation>Om Red Van Intake</translation>
    </message>
    <message>
        <source>Red Van Intake %1

Anonymous, encrypted, offline records for street outreach. This app never connects to a network.</source>
        <translation>Red Van Intake %1

Anonym og krypteret registrering til opsøgende arbejde på gaden, uden internet. Programmet opretter aldrig forbindelse til et netværk.</translation>
    </message>
    <message>
        <source>Backing up the vault: checking the copy…</source>
        <translation>Tager sikkerhedskopi af boksen: kontrollerer kopien…</translation>
    </message>
    <message>
        <source>Backing up the vault: %1 %</source>
        <translation>Tager sikkerhedskopi af boksen: %1 %</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Sync packages to merge</source>
        <translation>Synkroniseringspakker, der skal sammenflettes</translation>
    </message>
    <message>
        <source>Distinct persons per week</source>
        <translation>Forskellige personer pr. uge</translation>
    </message>
    <message>
        <source>Merge sync packages</source>
        <translation>Sammenflet synkroniseringspakker</translation>
    </message>
    <message>
        <source>Choose the sync packages your laptops and partners sent (each with its .minisig file). Only packages signed by a trusted device are merged; the devices of your organisation are trusted from their enrolment.</source>
        <translation>Vælg de synkroniseringspakker, som jeres bærbare og samarbejdspartnere har sendt (hver med sin .minisig-fil). Kun pakker, der er signeret af en betroet enhed, sammenflettes; organisationens enheder er betroede fra deres tilmelding.</translation>
    </message>
    <message>
        <source>Choose packages…</source>
        <translation>Vælg pakker…</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Sammenflet</translation>
    </message>
    <message>
        <source>Choose sync packages</source>
        <translation>Vælg synkroniseringspakker</translation>
    </message>
    <message>
        <source>Sync packages (*)</source>
        <translation>Synkroniseringspakker (*)</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Sammenfletter…</translation>
    </message>
    <message>
        <source>The packages could not be merged.</source>
        <translation>Pakkerne kunne ikke sammenflettes.</translation>
    </message>
    <message>
        <source>Nothing was merged: no package was accepted.</source>
        <translation>Intet blev sammenflettet: ingen pakke blev godtaget.</translation>
    </message>
    <message>
        <source>Weeks %1 to %2 from %3 devices: %4</source>
        <translation>Uge %1 til %2 fra %3 enheder: %4</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>a CPR number</source>
        <translation>et CPR-nummer</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>et telefonnummer</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>en e-mailadresse</translation>
    </message>
    <message>
        <source>a street address</source>
        <translation>en adresse</translation>
    </message>
    <message>
        <source>a web address</source>
        <translation>en webadresse</translation>
    </message>
    <message>
        <source>a bank account number</source>
        <translation>et kontonummer</translation>
    </message>
    <message>
        <source>a social media handle</source>
        <translation>et brugernavn på sociale medier</translation>
    </message>
    <message>
        <source>a licence plate</source>
        <translation>en nummerplade</translation>
    </message>
    <message>
        <source>a passport or ID number</source>
        <translation>et pas- eller ID-nummer</translation>
    </message>
    <message numerus="yes">
        <source>Wrong recovery code (attempt %n).</source>
        <translation>
            <numerusform>Forkert gendannelseskode (%n. forsøg).</numerusform>
            <numerusform>Forkert gendannelseskode (%n. forsøg).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrong passphrase for %1 (attempt %n).</source>
        <translation>
            <numerusform>Forkert adgangskode for %1 (%n. forsøg).</numerusform>
            <numerusform>Forkert adgangskode for %1 (%n. forsøg).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next try in %n s.</source>
        <translation>
            <numerusform>Næste forsøg om %n sek.</numerusform>
            <numerusform>Næste forsøg om %n sek.</numerusform>
        </translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation>Adgangskoden er forkert.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passphrases for %1. Next try in %n s.</source>
        <translation>
            <numerusform>For mange forkerte adgangskoder for %1. Næste forsøg om %n sek.</numerusform>
            <numerusform>For mange forkerte adgangskoder for %1. Næste forsøg om %n sek.</numerusform>
        </translation>
    </message>
    <message>
        <source>The vault is damaged: the key is right, but its contents do not verify. The newest verified backup is from %1; restore it with “Restore the newest backup” below or from File → Restore a backup.</source>
        <translation>Boksen er beskadiget: nøglen er rigtig, men indholdet kan ikke bekræftes. Den nyeste kontrollerede sikkerhedskopi er fra %1. Gendan den med “Gendan den nyeste sikkerhedskopi” herunder eller fra Filer → Gendan en sikkerhedskopi.</translation>
    </message>
    <message>
        <source>The vault is damaged: the key is right, but its contents do not verify. No verified backup was found next to it.</source>
        <translation>Boksen er beskadiget: nøglen er rigtig, men indholdet består ikke kontrollen. Der er ingen kontrolleret sikkerhedskopi ved siden af boksen.</translation>
    </message>
    <message>
        <source>This vault is already open in another Red Van window or command. Close it there first.</source>
        <translation>Boksen er allerede åben i et andet Red Van-vindue eller en kommando. Luk den der først.</translation>
    </message>
    <message>
        <source>There is no vault at %1.</source>
        <translation>Der findes ingen boks på %1.</translation>
    </message>
    <message>
        <source>A vault already exists at %1. Choose another file name.</source>
        <translation>Der findes allerede en boks på %1. Vælg et andet filnavn.</translation>
    </message>
    <message>
        <source>This key file is damaged; restore it from a backup of the key file.</source>
        <translation>Nøglefilen er beskadiget; gendan den fra en sikkerhedskopi af nøglefilen.</translation>
    </message>
    <message>
        <source>The key file next to the vault is missing or damaged, so the vault cannot be unlocked. Restore a backup.</source>
        <translation>Nøglefilen ved siden af boksen mangler eller er beskadiget, så boksen kan ikke låses op. Gendan en sikkerhedskopi.</translation>
    </message>
    <message>
        <source>Choose your name from the list of staff.</source>
        <translation>Vælg dit navn på listen over medarbejdere.</translation>
    </message>
    <message>
        <source>This vault was written by a newer version of Red Van. Update the app.</source>
        <translation>Boksen er skrevet af en nyere version af Red Van. Opdatér programmet.</translation>
    </message>
    <message>
        <source>The vault is open read-only because its disk is full: nothing can be saved or exported. Free some space on that disk, then lock and unlock the vault.</source>
        <translation>Boksen er kun åbnet til læsning, fordi dens disk er fuld: intet kan gemmes eller eksporteres. Frigør plads på disken, og lås så boksen og lås den op igen.</translation>
    </message>
    <message>
        <source>The disk is full: this entry was NOT saved. Free some space and save again. Everything saved before is safe.</source>
        <translation>Disken er fuld: denne registrering blev IKKE gemt. Frigør plads, og gem igen. Alt, hvad der er gemt før, er i sikkerhed.</translation>
    </message>
    <message>
        <source>The vault cannot be opened because the disk is full; nothing in it was changed. Free some space on that disk: move or delete large files you do not need (older backups of the vault are in the folder %1 beside it), then try again. Until then `redvan check` can open it read-only.</source>
        <translation>Boksen kan ikke åbnes, fordi disken er fuld; intet i den er ændret. Frigør plads på disken: flyt eller slet store filer, du ikke har brug for (boksens ældre sikkerhedskopier ligger i mappen %1 ved siden af den), og prøv igen. Indtil da kan `redvan check` åbne den skrivebeskyttet.</translation>
    </message>
    <message>
        <source>The vault cannot be opened because its folder cannot be written to. Check the disk and the folder&apos;s permissions; nothing in it was changed.</source>
        <translation>Boksen kan ikke åbnes, fordi der ikke kan skrives i dens mappe. Tjek disken og mappens rettigheder; intet i boksen er ændret.</translation>
    </message>
    <message>
        <source>The vault could not write this entry; it was NOT saved. Everything saved before is safe.</source>
        <translation>Boksen kunne ikke skrive denne registrering; den blev IKKE gemt. Alt, hvad der er gemt før, er i sikkerhed.</translation>
    </message>
    <message>
        <source>The backup could not be written or verified.</source>
        <translation>Sikkerhedskopien kunne ikke skrives eller kontrolleres.</translation>
    </message>
    <message>
        <source>This text looks like it contains %1. Remove it, or confirm that it must be kept.</source>
        <translation>Teksten ser ud til at indeholde %1. Fjern det, eller bekræft, at det skal gemmes.</translation>
    </message>
    <message>
        <source>That code is already in use. Ask the person to choose another code.</source>
        <translation>Den kode er allerede i brug. Bed personen om at vælge en anden kode.</translation>
    </message>
    <message>
        <source>A code needs at least 3 letters or digits.</source>
        <translation>En kode skal have mindst 3 bogstaver eller cifre.</translation>
    </message>
    <message>
        <source>A code can have at most 32 letters or digits.</source>
        <translation>En kode kan højst have 32 bogstaver eller cifre.</translation>
    </message>
    <message>
        <source>A code can only hold letters and digits.</source>
        <translation>En kode må kun indeholde bogstaver og cifre.</translation>
    </message>
    <message>
        <source>That code looks like a CPR number. Ask the person to choose a code that says nothing about who they are.</source>
        <translation>Koden ligner et CPR-nummer. Bed personen om at vælge en kode, der ikke siger noget om, hvem vedkommende er.</translation>
    </message>
    <message>
        <source>That code looks like a phone number. Ask the person to choose a code that says nothing about who they are.</source>
        <translation>Koden ligner et telefonnummer. Bed personen om at vælge en kode, der ikke siger noget om, hvem vedkommende er.</translation>
    </message>
    <message>
        <source>That code cannot be used.</source>
        <translation>Den kode kan ikke bruges.</translation>
    </message>
    <message>
        <source>That passphrase is too short or too easy to guess. A few unrelated words work well.</source>
        <translation>Adgangskoden er for kort eller for let at gætte. Et par ord, der ikke hænger sammen, fungerer godt.</translation>
    </message>
    <message>
        <source>One of the chosen values is no longer in use. Choose another.</source>
        <translation>En af de valgte værdier er ikke længere i brug. Vælg en anden.</translation>
    </message>
    <message>
        <source>This could not be done: %1</source>
        <translation>Det kunne ikke lade sig gøre: %1</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; nothing half-written was kept. Details are in the log.</source>
        <translation>Der skete en uventet fejl; intet halvfærdigt blev gemt. Detaljerne står i loggen.</translation>
    </message>
    <message>
        <source>This key file is an old one (key generation %1; the vault is at generation %2): it stopped working when the vault&apos;s key was changed, for example when a staff member was revoked. It was refused, and the refusal will be in the audit log. Use the vault&apos;s current key file.</source>
        <translation>Denne nøglefil er en gammel (nøglegeneration %1; boksen er på generation %2): den holdt op med at virke, da boksens nøgle blev skiftet, for eksempel da en medarbejders nøgle blev inddraget. Den blev afvist, og afvisningen kommer i revisionsloggen. Brug boksens nuværende nøglefil.</translation>
    </message>
    <message>
        <source>This key file belongs to another vault. Nothing is damaged, but the two files do not go together: put the vault&apos;s own key file next to it.</source>
        <translation>Denne nøglefil hører til en anden boks. Intet er beskadiget, men de to filer hører ikke sammen: læg boksens egen nøglefil ved siden af den.</translation>
    </message>
    <message>
        <source>The vault file is an older copy than its key file: it was replaced by a copy made before the key was changed. Restore a backup instead of copying files.</source>
        <translation>Boksfilen er en ældre kopi end dens nøglefil: den er blevet erstattet af en kopi fra før nøglen blev skiftet. Gendan en sikkerhedskopi i stedet for at kopiere filer.</translation>
    </message>
    <message>
        <source>Red Van could not record this unlock attempt because the disk is full, so the passphrase was not tried. Free some space, then try again.</source>
        <translation>Red Van kunne ikke notere dette forsøg på at låse op, fordi disken er fuld, så adgangskoden blev ikke prøvet. Frigør noget plads, og prøv igen.</translation>
    </message>
    <message>
        <source>Red Van could not record this unlock attempt, so the passphrase was not tried: the counter of wrong passphrases beside the vault is not a file it can write. Remove what stands in its place, then try again.</source>
        <translation>Red Van kunne ikke notere dette forsøg på at låse op, så adgangskoden blev ikke prøvet: tælleren af forkerte adgangskoder ved siden af boksen er ikke en fil, Red Van kan skrive i. Fjern det, der står i stedet, og prøv igen.</translation>
    </message>
    <message>
        <source>was missing</source>
        <translation>manglede</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>er en mappe, ikke en fil</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>kunne ikke læses</translation>
    </message>
    <message>
        <source>holds entries that cannot be right</source>
        <translation>indeholder poster, der ikke kan passe</translation>
    </message>
    <message numerus="yes">
        <source>The counter of wrong passphrases %1, so Red Van waits the longest delay: try again in %n s. If nobody here removed or changed it, someone may have tried to get round the delay between wrong passphrases.</source>
        <translation>
            <numerusform>Tælleren af forkerte adgangskoder %1, så Red Van venter den længste pause: prøv igen om %n sek. Hvis ingen her har fjernet eller ændret den, kan nogen have prøvet at komme uden om pausen mellem forkerte adgangskoder.</numerusform>
            <numerusform>Tælleren af forkerte adgangskoder %1, så Red Van venter den længste pause: prøv igen om %n sek. Hvis ingen her har fjernet eller ændret den, kan nogen have prøvet at komme uden om pausen mellem forkerte adgangskoder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteSection</name>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>N&amp;ote (optional — no names, numbers or addresses)</source>
        <translation>&amp;Note (valgfri — ingen navne, numre eller adresser)</translation>
    </message>
</context>
<context>
    <name>NumberSettings</name>
    <message>
        <source>Auto-&amp;lock after</source>
        <translation>&amp;Lås automatisk efter</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min.</translation>
    </message>
    <message>
        <source>Lock the vault after this many idle minutes (%1–%2). Ctrl+L locks at once.</source>
        <translation>Lås boksen efter så mange minutter uden aktivitet (%1–%2). Ctrl+L låser med det samme.</translation>
    </message>
    <message>
        <source>&amp;Round published figures to multiples of</source>
        <translation>&amp;Afrund offentliggjorte tal til multipla af</translation>
    </message>
    <message>
        <source>Reports that leave the vault round every figure to a multiple of this number, the same way each time, so no person can be recognised (%1–%2).</source>
        <translation>Rapporter, der forlader boksen, afrunder alle tal til et multiplum af dette tal, på samme måde hver gang, så ingen person kan genkendes (%1–%2).</translation>
    </message>
    <message>
        <source>Keep &amp;notes for</source>
        <translation>Behold &amp;noter i</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dage</translation>
    </message>
    <message>
        <source>Notes, incident descriptions and follow-up outcomes older than this are deleted for good (%1–%2 days).</source>
        <translation>Noter, beskrivelser af hændelser og resultater af opfølgninger, der er ældre end dette, slettes for altid (%1–%2 dage).</translation>
    </message>
    <message>
        <source>Keep &amp;codes for</source>
        <translation>Behold &amp;koder i</translation>
    </message>
    <message>
        <source>A person not seen for this long is detached from their code; their contacts still count (%1–%2 days).</source>
        <translation>En person, der ikke er set så længe, kobles fra sin kode; personens kontakter tæller stadig med (%1–%2 dage).</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behold</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> sikkerhedskopier</translation>
    </message>
    <message>
        <source>The newest automatic backups kept next to the vault; older ones are removed (%1–%2).</source>
        <translation>Så mange af de nyeste automatiske sikkerhedskopier gemmes ved siden af boksen; ældre slettes (%1–%2).</translation>
    </message>
    <message>
        <source>S&amp;ave</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>A shorter retention period applies at the next purge: what is older is deleted or detached then, and cannot be brought back.</source>
        <translation>En kortere opbevaringsperiode gælder fra næste sletning: det, der er ældre, bliver da slettet eller koblet fra og kan ikke hentes tilbage.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gemt.</translation>
    </message>
</context>
<context>
    <name>OrganisationSection</name>
    <message>
        <source>This laptop in the organisation</source>
        <translation>Denne bærbare i organisationen</translation>
    </message>
    <message>
        <source>Join an organisation</source>
        <translation>Tilslut til en organisation</translation>
    </message>
    <message>
        <source>A new laptop joins its organisation with an enrolment file from the coordinator&apos;s laptop. Then a code gives the same person and alias here as on every other laptop of the organisation. Only a new vault, with no contacts yet, can join. Give the coordinator this vault&apos;s recipient if the file should be encrypted to it; otherwise type the one-time enrolment code.</source>
        <translation>En ny bærbar tilsluttes sin organisation med en tilmeldingsfil fra koordinatorens bærbare. Derefter giver en personkode den samme person og det samme alias her som på alle organisationens andre bærbare. Kun en ny boks uden kontakter kan tilsluttes. Giv koordinatoren denne boks&apos; modtagernøgle, hvis filen skal krypteres til den; ellers skriv tilmeldingskoden, der kun gælder én gang.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiér</translation>
    </message>
    <message>
        <source>This vault&apos;s recipient</source>
        <translation>Denne boks&apos; modtagernøgle</translation>
    </message>
    <message>
        <source>Enrolment file</source>
        <translation>Tilmeldingsfil</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Enrolment code (28 letters and digits)</source>
        <translation>Tilmeldingskode (28 bogstaver og cifre)</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Tilmeldingskode</translation>
    </message>
    <message>
        <source>Coordinator&apos;s device fingerprint (for a file encrypted to this vault)</source>
        <translation>Koordinatorens enhedsfingeraftryk (for en fil krypteret til denne boks)</translation>
    </message>
    <message>
        <source>Coordinator&apos;s device fingerprint</source>
        <translation>Koordinatorens enhedsfingeraftryk</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Tilslut</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Modtager</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordinator</translation>
    </message>
    <message>
        <source>Enrol laptops and share programmes</source>
        <translation>Tilmeld bærbare og del projekter</translation>
    </message>
    <message>
        <source>Enrol a laptop: write an enrolment file for it, sealed with a one-time code shown here once, or encrypted to the new vault&apos;s recipient. Send an organisation update after changing lists, partners or programmes. Share a programme with a partner organisation to see your combined reach.</source>
        <translation>Tilmeld en bærbar: skriv en tilmeldingsfil til den, forseglet med en engangskode, der kun vises her én gang, eller krypteret til den nye boks&apos; modtagernøgle. Send en organisationsopdatering, når lister, samarbejdspartnere eller projekter er ændret. Del et projekt med en samarbejdspartner for at se jeres samlede antal nåede personer.</translation>
    </message>
    <message>
        <source>The new vault&apos;s recipient (age1…), or empty for a one-time code</source>
        <translation>Den nye boks&apos; modtagernøgle (age1…), eller tom for en engangskode</translation>
    </message>
    <message>
        <source>The new vault&apos;s recipient</source>
        <translation>Den nye boks&apos; modtagernøgle</translation>
    </message>
    <message>
        <source>Enrol a laptop…</source>
        <translation>Tilmeld en bærbar…</translation>
    </message>
    <message>
        <source>Send an organisation update…</source>
        <translation>Send en organisationsopdatering…</translation>
    </message>
    <message>
        <source>Share with a partner…</source>
        <translation>Del med en samarbejdspartner…</translation>
    </message>
    <message>
        <source>Programme to share</source>
        <translation>Projekt, der skal deles</translation>
    </message>
    <message>
        <source>Updates and merging</source>
        <translation>Opdateringer og sammenfletning</translation>
    </message>
    <message>
        <source>Apply an organisation update from the coordinator&apos;s laptop, or merge the sync packages of your laptops and partners into one tally with an estimate of the distinct persons.</source>
        <translation>Anvend en organisationsopdatering fra koordinatorens bærbare, eller sammenflet synkroniseringspakkerne fra jeres bærbare og samarbejdspartnere til én opgørelse med et skøn over antallet af forskellige personer.</translation>
    </message>
    <message>
        <source>Apply an update…</source>
        <translation>Anvend en opdatering…</translation>
    </message>
    <message>
        <source>Merge sync packages…</source>
        <translation>Sammenflet synkroniseringspakker…</translation>
    </message>
    <message>
        <source>This laptop&apos;s device: %1</source>
        <translation>Denne bærbares enhed: %1</translation>
    </message>
    <message>
        <source>the organisation&apos;s coordinator device</source>
        <translation>organisationens koordinatorenhed</translation>
    </message>
    <message>
        <source>a laptop of the organisation</source>
        <translation>en bærbar i organisationen</translation>
    </message>
    <message>
        <source>Organisation %1; this laptop is %2.</source>
        <translation>Organisation %1; denne bærbare er %2.</translation>
    </message>
    <message>
        <source>Trusted devices: %1. Organisation updates applied: %2.</source>
        <translation>Betroede enheder: %1. Anvendte organisationsopdateringer: %2.</translation>
    </message>
    <message>
        <source>This laptop has not joined or enrolled any other laptop yet.</source>
        <translation>Denne bærbare er endnu ikke tilsluttet en organisation og har ikke tilmeldt andre bærbare.</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Vælg en fil</translation>
    </message>
    <message>
        <source>Joined organisation %1: codes now give the same persons and aliases here.</source>
        <translation>Tilsluttet organisation %1: personkoder giver nu de samme personer og aliasser her.</translation>
    </message>
    <message>
        <source>Save the enrolment file</source>
        <translation>Gem tilmeldingsfilen</translation>
    </message>
    <message>
        <source>Save the partnership file</source>
        <translation>Gem samarbejdsfilen</translation>
    </message>
    <message>
        <source>Wrote %1 and its signature, signed by this laptop (%2).</source>
        <translation>Skrev %1 og dens signatur, signeret af denne bærbare (%2).</translation>
    </message>
    <message>
        <source>Enrolment code, shown only this once: %1
Give it to the new laptop by another way than the file (aloud or on paper).</source>
        <translation>Tilmeldingskode, vises kun denne ene gang: %1
Giv den til den nye bærbare på en anden måde end filen (mundtligt eller på papir).</translation>
    </message>
    <message>
        <source>Save the organisation update</source>
        <translation>Gem organisationsopdateringen</translation>
    </message>
    <message>
        <source>Wrote organisation update %1 to %2.</source>
        <translation>Skrev organisationsopdatering %1 til %2.</translation>
    </message>
    <message>
        <source>Choose an organisation update</source>
        <translation>Vælg en organisationsopdatering</translation>
    </message>
    <message>
        <source>Applied organisation update %1.</source>
        <translation>Anvendte organisationsopdatering %1.</translation>
    </message>
</context>
<context>
    <name>PartnersModel</name>
    <message>
        <source>%1 (retired)</source>
        <translation>%1 (udgået)</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Samarbejdspartner</translation>
    </message>
    <message>
        <source>Areas served</source>
        <translation>Områder</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Åbningstider</translation>
    </message>
</context>
<context>
    <name>PartnersTab</name>
    <message>
        <source>Partner organisations</source>
        <translation>Samarbejdspartnere</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>Ny:</translation>
    </message>
    <message>
        <source>New organisation&apos;s name in English</source>
        <translation>Den nye organisations navn på engelsk</translation>
    </message>
    <message>
        <source>Name in English</source>
        <translation>Navn på engelsk</translation>
    </message>
    <message>
        <source>New organisation&apos;s name in Danish</source>
        <translation>Den nye organisations navn på dansk</translation>
    </message>
    <message>
        <source>Name in Danish</source>
        <translation>Navn på dansk</translation>
    </message>
    <message>
        <source>Add organi&amp;sation</source>
        <translation>Tilføj organisatio&amp;n</translation>
    </message>
    <message>
        <source>Add the partner organisation</source>
        <translation>Tilføj samarbejdspartneren</translation>
    </message>
    <message>
        <source>Areas served</source>
        <translation>Områder</translation>
    </message>
    <message>
        <source>e.g. Vesterbro; women over 18</source>
        <translation>fx Vesterbro; kvinder over 18 år</translation>
    </message>
    <message>
        <source>The organisation&apos;s address</source>
        <translation>Organisationens adresse</translation>
    </message>
    <message>
        <source>The organisation&apos;s phone</source>
        <translation>Organisationens telefon</translation>
    </message>
    <message>
        <source>The organisation&apos;s web site or e-mail</source>
        <translation>Organisationens hjemmeside eller e-mail</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Åbningstider</translation>
    </message>
    <message>
        <source>e.g. Mon–Fri 10–22</source>
        <translation>fx man.–fre. 10–22</translation>
    </message>
    <message>
        <source>How to refer</source>
        <translation>Sådan henviser man</translation>
    </message>
    <message>
        <source>Walk-in or booking, languages spoken</source>
        <translation>Åben dør eller tidsbestilling, sprog der tales</translation>
    </message>
    <message>
        <source>&amp;Areas served</source>
        <translation>&amp;Områder</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>Pho&amp;ne</source>
        <translation>Te&amp;lefon</translation>
    </message>
    <message>
        <source>&amp;Web or e-mail</source>
        <translation>&amp;Web eller e-mail</translation>
    </message>
    <message>
        <source>&amp;Opening hours</source>
        <translation>Åbnings&amp;tider</translation>
    </message>
    <message>
        <source>How &amp;to refer</source>
        <translation>Sådan henviser &amp;man</translation>
    </message>
    <message>
        <source>Save deta&amp;ils</source>
        <translation>Gem o&amp;plysninger</translation>
    </message>
    <message>
        <source>Save the organisation&apos;s details</source>
        <translation>Gem organisationens oplysninger</translation>
    </message>
    <message>
        <source>How to reach the organisation — never anything about a person. Rename or retire organisations in Settings → Lists.</source>
        <translation>Sådan kontaktes organisationen — aldrig noget om en person. Omdøb eller udfas organisationer under Indstillinger → Lister.</translation>
    </message>
    <message>
        <source>How to reach the organisation. A coordinator keeps these details.</source>
        <translation>Sådan kontaktes organisationen. En koordinator vedligeholder oplysningerne.</translation>
    </message>
    <message>
        <source>Details saved.</source>
        <translation>Oplysningerne er gemt.</translation>
    </message>
    <message>
        <source>Give the organisation&apos;s name in English and in Danish.</source>
        <translation>Skriv organisationens navn på engelsk og på dansk.</translation>
    </message>
    <message>
        <source>%1 added. Now add how to reach it.</source>
        <translation>%1 er tilføjet. Skriv nu, hvordan den kontaktes.</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message numerus="yes">
        <source>it has fewer than %n characters</source>
        <translation>
            <numerusform>den har færre end %n tegn</numerusform>
            <numerusform>den har færre end %n tegn</numerusform>
        </translation>
    </message>
    <message>
        <source>it is on lists of passwords people use most</source>
        <translation>den står på lister over de mest brugte adgangskoder</translation>
    </message>
    <message>
        <source>it is built from common words or names</source>
        <translation>den består af almindelige ord eller navne</translation>
    </message>
    <message>
        <source>it uses this organisation&apos;s own words (its name, staff names, places)</source>
        <translation>den bruger organisationens egne ord (dens navn, medarbejdernes navne, steder)</translation>
    </message>
    <message>
        <source>it follows a row or pattern on the keyboard</source>
        <translation>den følger en række eller et mønster på tastaturet</translation>
    </message>
    <message>
        <source>it is a run like abcd or 1234</source>
        <translation>den er en række som abcd eller 1234</translation>
    </message>
    <message>
        <source>it repeats characters or a group of characters</source>
        <translation>den gentager tegn eller en gruppe af tegn</translation>
    </message>
    <message>
        <source>it contains a year or a date</source>
        <translation>den indeholder et årstal eller en dato</translation>
    </message>
    <message>
        <source>it is too short for the kinds of characters it uses</source>
        <translation>den er for kort til de slags tegn, den bruger</translation>
    </message>
    <message>
        <source>That passphrase is too easy to guess: %1. Use four or five unrelated words, or let Red Van propose a passphrase.</source>
        <translation>Den adgangskode er for let at gætte: %1. Brug fire eller fem ord, der ikke hænger sammen, eller lad Red Van foreslå en adgangskode.</translation>
    </message>
    <message>
        <source>Strong enough: guessing it would take too long.</source>
        <translation>Stærk nok: det ville tage for lang tid at gætte den.</translation>
    </message>
    <message>
        <source>Too easy to guess: %1.</source>
        <translation>For let at gætte: %1.</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>Meget svag</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Svag</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Nogenlunde</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>God</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Stærk</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Adgangskodens styrke</translation>
    </message>
    <message>
        <source>Propose a passphrase</source>
        <translation>Foreslå en adgangskode</translation>
    </message>
    <message>
        <source>Five words drawn at random from a list of 7,776: about 64 bits.</source>
        <translation>Fem ord trukket tilfældigt fra en liste på 7.776: omkring 64 bit.</translation>
    </message>
    <message>
        <source>Danish words</source>
        <translation>Danske ord</translation>
    </message>
    <message>
        <source>English words</source>
        <translation>Engelske ord</translation>
    </message>
    <message>
        <source>Language of the proposed words</source>
        <translation>Sproget i de foreslåede ord</translation>
    </message>
    <message>
        <source>Learn it or write it down and keep it somewhere safe before you go on: it is shown only while this window is open.</source>
        <translation>Lær den udenad, eller skriv den ned og gem den et sikkert sted, før du går videre: den vises kun, mens dette vindue er åbent.</translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message>
        <source>The person&apos;s code</source>
        <translation>Personens kode</translation>
    </message>
    <message>
        <source>&amp;No code</source>
        <translation>&amp;Uden kode</translation>
    </message>
    <message>
        <source>Contact without a code</source>
        <translation>Kontakt uden kode</translation>
    </message>
    <message>
        <source>Alt+N: an uncoded contact is counted, never made a person</source>
        <translation>Alt+U: en kontakt uden kode tælles med, men bliver aldrig til en person</translation>
    </message>
    <message>
        <source>Age &amp;band</source>
        <translation>&amp;Aldersgruppe</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>Aldersgruppe</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>&amp;Køn</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Køn</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Or&amp;igin region</source>
        <translation>&amp;Oprindelsesregion</translation>
    </message>
    <message>
        <source>Origin region</source>
        <translation>Oprindelsesregion</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Personkode</translation>
    </message>
    <message>
        <source>No contacts recorded yet</source>
        <translation>Ingen kontakter registreret endnu</translation>
    </message>
    <message>
        <source>today at %1</source>
        <translation>i dag kl. %1</translation>
    </message>
    <message numerus="yes">
        <source>Last seen %1, %n services</source>
        <translation>
            <numerusform>Sidst set %1, %n ydelse</numerusform>
            <numerusform>Sidst set %1, %n ydelser</numerusform>
        </translation>
    </message>
    <message>
        <source>Returning person · %1</source>
        <translation>Kendt person · %1</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Ny person</translation>
    </message>
    <message>
        <source>A new alias is made when you save</source>
        <translation>Der laves et nyt alias, når du gemmer</translation>
    </message>
    <message>
        <source>Contact without code</source>
        <translation>Kontakt uden kode</translation>
    </message>
    <message>
        <source>Counted, never made a person</source>
        <translation>Tælles med, men bliver aldrig til en person</translation>
    </message>
    <message>
        <source>Type the code the person chose, then Enter</source>
        <translation>Skriv den kode, personen har valgt, og tryk Enter</translation>
    </message>
    <message>
        <source>Ask for the person&apos;s code again: codes are never kept while the vault is locked.</source>
        <translation>Spørg personen om koden igen: koder gemmes aldrig, mens boksen er låst.</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Alias, e.g. Heron-42</source>
        <translation>Alias, fx Hejre-42</translation>
    </message>
    <message>
        <source>Person&apos;s alias</source>
        <translation>Personens alias</translation>
    </message>
    <message>
        <source>Matching persons</source>
        <translation>Fundne personer</translation>
    </message>
    <message>
        <source>No one with that alias</source>
        <translation>Ingen med det alias</translation>
    </message>
</context>
<context>
    <name>PrivacySection</name>
    <message>
        <source>How soon the vault locks itself, how small a count may be shown outside it, and how long notes and codes are kept.</source>
        <translation>Hvor hurtigt boksen låser sig selv, hvor små antal der må vises uden for den, og hvor længe noter og koder gemmes.</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Find a person by the code they chose or by their alias. The code is never shown or kept.</source>
        <translation>Find en person ud fra den kode, personen har valgt, eller ud fra aliasset. Koden bliver aldrig vist eller gemt.</translation>
    </message>
    <message>
        <source>Find by &amp;code</source>
        <translation>Søg på &amp;kode</translation>
    </message>
    <message>
        <source>The code the person chose</source>
        <translation>Personens egen kode</translation>
    </message>
    <message>
        <source>Person code</source>
        <translation>Personkode</translation>
    </message>
    <message>
        <source>Fi&amp;nd</source>
        <translation>&amp;Søg</translation>
    </message>
    <message>
        <source>Find by code</source>
        <translation>Søg på kode</translation>
    </message>
    <message>
        <source>…or by &amp;alias (Ctrl+F)</source>
        <translation>…eller på &amp;alias (Ctrl+F)</translation>
    </message>
    <message>
        <source>Heron-42 or Hejre-42</source>
        <translation>Hejre-42 eller Heron-42</translation>
    </message>
    <message>
        <source>Search by alias</source>
        <translation>Søg på alias</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Fundne personer</translation>
    </message>
    <message>
        <source>Choose a person to see their contacts, referrals and follow-ups.</source>
        <translation>Vælg en person for at se personens kontakter, henvisninger og opfølgninger.</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Først set</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Sidst set</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>Aldersgruppe</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Køn</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Origin region</source>
        <translation>Oprindelsesregion</translation>
    </message>
    <message>
        <source>Detached by retention: this person&apos;s code was removed after the retention period, so the code no longer finds them. Their contacts still count.</source>
        <translation>Koblet fra kode: personens kode blev fjernet, da opbevaringsperioden udløb, så koden finder ikke længere personen. Personens kontakter tæller stadig med.</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>T&amp;idslinje</translation>
    </message>
    <message>
        <source>Timeline of contacts, referrals and follow-ups</source>
        <translation>Tidslinje med kontakter, henvisninger og opfølgninger</translation>
    </message>
    <message>
        <source>Type the person&apos;s code first.</source>
        <translation>Skriv først personens kode.</translation>
    </message>
    <message>
        <source>No person with this code.</source>
        <translation>Ingen person har denne kode.</translation>
    </message>
    <message>
        <source>No person has an alias that starts like that.</source>
        <translation>Ingen person har et alias, der begynder sådan.</translation>
    </message>
    <message>
        <source>Found by code</source>
        <translation>Fundet på kode</translation>
    </message>
    <message numerus="yes">
        <source>Found: %n or more</source>
        <translation>
            <numerusform>Fundet: %n eller flere</numerusform>
            <numerusform>Fundet: %n eller flere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found: %n</source>
        <translation>
            <numerusform>Fundet: %n</numerusform>
            <numerusform>Fundet: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Recently seen</source>
        <translation>Set for nylig</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Ikke set endnu</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Ikke registreret</translation>
    </message>
</context>
<context>
    <name>ProgrammeWarning</name>
    <message>
        <source>Early warning: %1 has reached %2 of %3 persons and is forecast to reach %4 by week %5, %6. %7 persons a week are needed from now on.</source>
        <translation>Tidlig advarsel: %1 har nået %2 af %3 personer, og prognosen er %4 ved uge %5, %6. Fra nu af skal der nås %7 personer pr. uge.</translation>
    </message>
    <message>
        <source>Programme early warning</source>
        <translation>Tidlig advarsel for projekt</translation>
    </message>
    <message>
        <source>As of %1, with week %2 counted so far; Reports counts the weeks chosen there.</source>
        <translation>Pr. %1, med uge %2 talt indtil nu; Opgørelser tæller de uger, der er valgt der.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Your data is safe: the vault is only read, and the copy is checked before it is kept.</source>
        <translation>Dine data er i sikkerhed: boksen bliver kun læst, og kopien bliver kontrolleret, før den gemmes.</translation>
    </message>
    <message>
        <source>Your data is safe: the vault in use is kept as it is until the new one has been written and checked.</source>
        <translation>Dine data er i sikkerhed: den boks, du bruger, bliver holdt uændret, indtil den nye er skrevet og kontrolleret.</translation>
    </message>
    <message>
        <source>Your data is safe: a backup was made first, and each step of the update is kept only when it is complete.</source>
        <translation>Dine data er i sikkerhed: der blev først taget en sikkerhedskopi, og hvert trin i opdateringen gemmes kun, når det er gennemført.</translation>
    </message>
    <message>
        <source>Your data is safe: the vault is only read, and the file appears only when it is complete.</source>
        <translation>Dine data er i sikkerhed: boksen bliver kun læst, og filen dukker først op, når den er færdig.</translation>
    </message>
    <message>
        <source>Copying the vault</source>
        <translation>Kopierer boksen</translation>
    </message>
    <message>
        <source>Checking the copy</source>
        <translation>Kontrollerer kopien</translation>
    </message>
    <message>
        <source>Writing the backup file</source>
        <translation>Skriver sikkerhedskopifilen</translation>
    </message>
    <message>
        <source>A few seconds left</source>
        <translation>Få sekunder tilbage</translation>
    </message>
    <message numerus="yes">
        <source>About %n second(s) left</source>
        <translation>
            <numerusform>Omkring %n sekund tilbage</numerusform>
            <numerusform>Omkring %n sekunder tilbage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n minute(s) left</source>
        <translation>
            <numerusform>Omkring %n minut tilbage</numerusform>
            <numerusform>Omkring %n minutter tilbage</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping at the next safe point…</source>
        <translation>Stopper ved næste sikre punkt…</translation>
    </message>
</context>
<context>
    <name>QuickCounters</name>
    <message>
        <source>Quick count without a code · tonight&apos;s totals</source>
        <translation>Hurtig optælling uden kode · i alt i aften</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Fortryd (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo the last count</source>
        <translation>Fortryd den seneste optælling</translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation>+ %1</translation>
    </message>
    <message>
        <source>Count %1 given without a code</source>
        <translation>Tæl %1 udleveret uden kode</translation>
    </message>
    <message>
        <source>How many %1</source>
        <translation>Antal: %1</translation>
    </message>
    <message>
        <source>%1 tonight: %2</source>
        <translation>%1 i aften: %2</translation>
    </message>
    <message>
        <source>Saved: %1 × %2</source>
        <translation>Gemt: %1 × %2</translation>
    </message>
    <message>
        <source>Count taken back.</source>
        <translation>Optællingen er fortrudt.</translation>
    </message>
</context>
<context>
    <name>ReachPanel</name>
    <message>
        <source>%1 of %2 persons reached · week %3 of %4</source>
        <translation>%1 af %2 personer nået · uge %3 af %4</translation>
    </message>
    <message>
        <source>Programme reach</source>
        <translation>Projekter: antal nåede personer</translation>
    </message>
    <message>
        <source>No programme runs in these weeks.</source>
        <translation>Der kører ingen projekter i disse uger.</translation>
    </message>
    <message>
        <source>%1: reached against target</source>
        <translation>%1: antal nåede personer i forhold til målet</translation>
    </message>
    <message>
        <source>Forecast %1 by week %2, %3</source>
        <translation>Prognose %1 ved uge %2, %3</translation>
    </message>
    <message>
        <source>Too early for a forecast</source>
        <translation>For tidligt til en prognose</translation>
    </message>
    <message>
        <source>%1 a week needed, %2 so far</source>
        <translation>nødvendigt tempo %1 pr. uge, %2 hidtil</translation>
    </message>
    <message>
        <source>Early warning: the forecast is %1 short of the target.</source>
        <translation>Tidlig advarsel: prognosen ligger %1 under målet.</translation>
    </message>
    <message>
        <source>Ended.</source>
        <translation>Afsluttet.</translation>
    </message>
    <message>
        <source>On track.</source>
        <translation>På sporet.</translation>
    </message>
    <message>
        <source>The report shows reach as below the threshold.</source>
        <translation>Opgørelsen viser antallet som under grænsen.</translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>De-identified records</source>
        <translation>Afidentificerede registreringer</translation>
    </message>
    <message>
        <source>Week, pseudonym, service or referral status</source>
        <translation>Uge, pseudonym, ydelse eller henvisningsstatus</translation>
    </message>
    <message>
        <source>Search the records</source>
        <translation>Søg i registreringerne</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Søg:</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>ingen personkode</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 af %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln de-identified record(s), one per contact: the week, a pseudonym that exists only in this bundle, the services and the referrals&apos; status.</source>
        <translation>
            <numerusform>%Ln afidentificeret registrering, én pr. kontakt: ugen, et pseudonym, der kun findes i denne pakke, ydelserne og henvisningernes status.</numerusform>
            <numerusform>%Ln afidentificerede registreringer, én pr. kontakt: ugen, et pseudonym, der kun findes i denne pakke, ydelserne og henvisningernes status.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Forgot the passphrase?</source>
        <translation>Glemt adgangskoden?</translation>
    </message>
    <message>
        <source>Type the vault&apos;s recovery code from the recovery sheet, then choose a new passphrase. Only the chosen staff member&apos;s passphrase changes.</source>
        <translation>Skriv boksens gendannelseskode fra gendannelsesarket, og vælg derefter en ny adgangskode. Kun den valgte medarbejders adgangskode bliver ændret.</translation>
    </message>
    <message>
        <source>&amp;Recovery code</source>
        <translation>&amp;Gendannelseskode</translation>
    </message>
    <message>
        <source>&amp;Staff member</source>
        <translation>&amp;Medarbejder</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;Ny adgangskode</translation>
    </message>
    <message>
        <source>R&amp;epeat</source>
        <translation>Gen&amp;tag</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Gentag den nye adgangskode</translation>
    </message>
    <message>
        <source>Set passphrase and &amp;unlock</source>
        <translation>Skift adgangskode og &amp;lås op</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De to adgangskoder er ikke ens.</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Save recovery sheet</source>
        <translation>Gem gendannelsesark</translation>
    </message>
    <message>
        <source>recovery-sheet.pdf</source>
        <translation>gendannelsesark.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1 in %2.</source>
        <translation>Gemte %1 i %2.</translation>
    </message>
</context>
<context>
    <name>ReferralRow</name>
    <message>
        <source>Referral to</source>
        <translation>Henvisning til</translation>
    </message>
    <message>
        <source>Referral status</source>
        <translation>Henvisningens status</translation>
    </message>
    <message>
        <source>C&amp;heck by</source>
        <translation>T&amp;jek senest</translation>
    </message>
    <message>
        <source>Plan a check on this referral</source>
        <translation>Planlæg et tjek af henvisningen</translation>
    </message>
    <message>
        <source>Date to check on the referral</source>
        <translation>Dato for tjek af henvisningen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Remove this referral</source>
        <translation>Fjern denne henvisning</translation>
    </message>
</context>
<context>
    <name>ReferralsModel</name>
    <message>
        <source>Contact without code</source>
        <translation>Kontakt uden kode</translation>
    </message>
    <message numerus="yes">
        <source>%1 · open %n day(s)</source>
        <translation>
            <numerusform>%1 · åben i %n dag</numerusform>
            <numerusform>%1 · åben i %n dage</numerusform>
        </translation>
    </message>
    <message>
        <source>Check due %1</source>
        <translation>Tjek senest %1</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Henvist</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Samarbejdspartner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
    <message>
        <source>The referral network: where people were referred, and whether they got there. Check on open referrals and plan a follow-up.</source>
        <translation>Brobyggernetværket: hvor folk er henvist til, og om de kom frem. Følg op på åbne henvisninger, og planlæg en opfølgning.</translation>
    </message>
    <message>
        <source>Referra&amp;ls</source>
        <translation>Henvisnin&amp;ger</translation>
    </message>
    <message>
        <source>&amp;Partner organisations</source>
        <translation>&amp;Samarbejdspartnere</translation>
    </message>
    <message>
        <source>Completion &amp;rate</source>
        <translation>Gennemførelses&amp;rate</translation>
    </message>
    <message>
        <source>Referral network</source>
        <translation>Brobyggernetværk</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>V&amp;is</translation>
    </message>
    <message>
        <source>Which referrals to show</source>
        <translation>Hvilke henvisninger der vises</translation>
    </message>
    <message>
        <source>Open referrals</source>
        <translation>Åbne henvisninger</translation>
    </message>
    <message>
        <source>Every referral</source>
        <translation>Alle henvisninger</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>Partner organisation</source>
        <translation>Samarbejdspartner</translation>
    </message>
    <message>
        <source>P&amp;eriod</source>
        <translation>P&amp;eriode</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Seneste 4 uger</translation>
    </message>
    <message>
        <source>Last 13 weeks</source>
        <translation>Seneste 13 uger</translation>
    </message>
    <message>
        <source>Last 52 weeks</source>
        <translation>Seneste 52 uger</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Når som helst</translation>
    </message>
    <message>
        <source>No referrals to show.</source>
        <translation>Ingen henvisninger at vise.</translation>
    </message>
    <message>
        <source>Set status:</source>
        <translation>Sæt status:</translation>
    </message>
    <message>
        <source>Mark as %1</source>
        <translation>Markér som %1</translation>
    </message>
    <message>
        <source>Check &amp;by</source>
        <translation>Frist for t&amp;jek</translation>
    </message>
    <message>
        <source>Date to check on the referral</source>
        <translation>Dato for tjek af henvisningen</translation>
    </message>
    <message>
        <source>Plan a &amp;check</source>
        <translation>Planlæg et tje&amp;k</translation>
    </message>
    <message>
        <source>Plan a follow-up to check on the referral</source>
        <translation>Planlæg en opfølgning på henvisningen</translation>
    </message>
    <message>
        <source>Every partner organisation</source>
        <translation>Alle samarbejdspartnere</translation>
    </message>
    <message>
        <source>Select a referral in the list above.</source>
        <translation>Vælg en henvisning på listen ovenfor.</translation>
    </message>
    <message>
        <source>Contact without code</source>
        <translation>Kontakt uden kode</translation>
    </message>
    <message>
        <source>referred %1</source>
        <translation>henvist %1</translation>
    </message>
    <message>
        <source>A contact without code has no person to follow up with.</source>
        <translation>En kontakt uden kode har ingen person at følge op med.</translation>
    </message>
    <message>
        <source>A follow-up is planned: %1, due %2</source>
        <translation>Der er planlagt en opfølgning: %1, frist %2</translation>
    </message>
    <message>
        <source>Select a referral in the list first.</source>
        <translation>Vælg først en henvisning på listen.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Select a referral of a person with a code.</source>
        <translation>Vælg en henvisning for en person med kode.</translation>
    </message>
    <message>
        <source>A referral check is planned for %1</source>
        <translation>Opfølgning på henvisningen er planlagt til %1</translation>
    </message>
</context>
<context>
    <name>ReferralsSection</name>
    <message>
        <source>Add &amp;referral</source>
        <translation>T&amp;ilføj henvisning</translation>
    </message>
    <message>
        <source>Add a referral</source>
        <translation>Tilføj en henvisning</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
</context>
<context>
    <name>RefusedPage</name>
    <message>
        <source>This file cannot be opened as an audit bundle.</source>
        <translation>Filen kan ikke åbnes som en revisionspakke.</translation>
    </message>
    <message>
        <source>Choose the age &amp;key file…</source>
        <translation>Vælg age-&amp;nøglefilen…</translation>
    </message>
    <message>
        <source>It is encrypted to a coordinator&apos;s age key. Open it with the key file: “redvan open FILE --identity KEYFILE”. Nothing was changed.</source>
        <translation>Den er krypteret til en koordinators age-nøgle. Åbn den med nøglefilen: “redvan open FIL --identity NØGLEFIL”. Intet er ændret.</translation>
    </message>
    <message>
        <source>An audit bundle is the .rvaudit file that “redvan export audit” writes, with its .minisig signature beside it. Nothing was changed.</source>
        <translation>En revisionspakke er den .rvaudit-fil, som “redvan export audit” skriver, med sin .minisig-signatur ved siden af. Intet er ændret.</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>The bundle holds no report.</source>
        <translation>Pakken indeholder ingen rapport.</translation>
    </message>
    <message numerus="yes">
        <source>The bundle holds the report as a PDF of %n page(s), %1.</source>
        <translation>
            <numerusform>Pakken indeholder rapporten som en PDF på %n side, %1.</numerusform>
            <numerusform>Pakken indeholder rapporten som en PDF på %n sider, %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bundle holds the report as a PDF, %1.</source>
        <translation>Pakken indeholder rapporten som en PDF, %1.</translation>
    </message>
    <message>
        <source>This viewer neither shows nor saves it, so that it writes nothing. To read it, take it out of the bundle with any unzip tool, for example:</source>
        <translation>Fremviseren hverken viser eller gemmer den, så den ikke skriver noget. Tag den ud af pakken med et hvilket som helst unzip-værktøj for at læse den, for eksempel:</translation>
    </message>
    <message>
        <source>The bundle is encrypted: decrypt it first with “age -d -i KEYFILE”.</source>
        <translation>Pakken er krypteret: dekryptér den først med “age -d -i NØGLEFIL”.</translation>
    </message>
</context>
<context>
    <name>ReportingDaySection</name>
    <message>
        <source>A shift runs past midnight, so every figure counts a contact on the night it belongs to. A contact before the day-start hour belongs to the day before.</source>
        <translation>En vagt varer ud over midnat, så alle tal tæller en kontakt på den nat, den hører til. En kontakt før dagens starttidspunkt hører til dagen før.</translation>
    </message>
    <message>
        <source>&amp;Day starts at</source>
        <translation>&amp;Dagen starter kl.</translation>
    </message>
    <message>
        <source>Day starts at</source>
        <translation>Dagen starter kl.</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Tidszone</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidszone</translation>
    </message>
    <message>
        <source>Saving a change puts every recorded contact on its night under the new rule; weekly figures already published may then differ.</source>
        <translation>Når en ændring gemmes, flyttes alle registrerede kontakter til deres nat efter den nye regel; ugetal, der allerede er offentliggjort, kan derefter afvige.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>A night runs from %1 to %1 the next morning, on the clock of %2.</source>
        <translation>En nat går fra kl. %1 til kl. %1 næste morgen, efter uret i %2.</translation>
    </message>
    <message numerus="yes">
        <source>Saved; %n contact(s) moved to another week.</source>
        <translation>
            <numerusform>Gemt; %n kontakt er flyttet til en anden uge.</numerusform>
            <numerusform>Gemt; %n kontakter er flyttet til en anden uge.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Opgørelser</translation>
    </message>
    <message>
        <source>Weekly tallies and period reports for the board and funders. Every figure that leaves the vault is rounded, so no person can be recognised.</source>
        <translation>Ugeopgørelser og periodeopgørelser til bestyrelse og bevillingsgivere. Alle tal, der forlader boksen, er afrundet, så ingen person kan genkendes.</translation>
    </message>
    <message>
        <source>Reports are made by a coordinator: the weekly tally, period reports and programme reach. Ask your coordinator for the latest figures.

The Tonight screen shows an early warning when a programme is behind.</source>
        <translation>Opgørelser laves af en koordinator: ugeopgørelsen, periodeopgørelser og antal nåede personer i projekter. Spørg din koordinator efter de seneste tal.

Skærmen I aften viser en tidlig advarsel, når et projekt er bagud.</translation>
    </message>
    <message>
        <source>Fro&amp;m week:</source>
        <translation>Fra &amp;uge:</translation>
    </message>
    <message>
        <source>&amp;To week:</source>
        <translation>&amp;Til uge:</translation>
    </message>
    <message>
        <source>First week of the report</source>
        <translation>Opgørelsens første uge</translation>
    </message>
    <message>
        <source>Last week of the report</source>
        <translation>Opgørelsens sidste uge</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>&amp;Denne uge</translation>
    </message>
    <message>
        <source>Report this week</source>
        <translation>Opgør denne uge</translation>
    </message>
    <message>
        <source>L&amp;ast week</source>
        <translation>&amp;Sidste uge</translation>
    </message>
    <message>
        <source>Report last week</source>
        <translation>Opgør sidste uge</translation>
    </message>
    <message>
        <source>Last &amp;4 weeks</source>
        <translation>Seneste &amp;4 uger</translation>
    </message>
    <message>
        <source>Report the last 4 weeks</source>
        <translation>Opgør de seneste 4 uger</translation>
    </message>
    <message>
        <source>Last 1&amp;3 weeks</source>
        <translation>Seneste 1&amp;3 uger</translation>
    </message>
    <message>
        <source>Report the last 13 weeks</source>
        <translation>Opgør de seneste 13 uger</translation>
    </message>
    <message>
        <source>Preview of the tally</source>
        <translation>Forhåndsvisning af opgørelsen</translation>
    </message>
    <message>
        <source>What is hidden and why</source>
        <translation>Hvad er skjult og hvorfor</translation>
    </message>
    <message>
        <source>Figures the report hides</source>
        <translation>Tal, som opgørelsen skjuler</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Gem opgørelsen</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>Spro&amp;g i opgørelsen:</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Opgørelsens sprog</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Gem &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Gem opgørelsen som PDF</translation>
    </message>
    <message>
        <source>Save &amp;CSV…</source>
        <translation>Gem &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation>Gem opgørelsen som CSV</translation>
    </message>
    <message>
        <source>Saving the report</source>
        <translation>Gemmer opgørelsen</translation>
    </message>
    <message>
        <source>The last week comes before the first week; choose the weeks again.</source>
        <translation>Den sidste uge ligger før den første uge; vælg ugerne igen.</translation>
    </message>
    <message>
        <source>week %1, %2</source>
        <translation>uge %1, %2</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 til %2</translation>
    </message>
    <message>
        <source>Preview of %1: exact counts for you, and how the saved report shows them.</source>
        <translation>Forhåndsvisning af %1: nøjagtige tal til dig, og hvordan den gemte opgørelse viser dem.</translation>
    </message>
    <message>
        <source>Every figure the report shows is rounded to a multiple of %1, up or down by at most %2, the same way every time the same records are reported (base %1, set in Settings).</source>
        <translation>Alle tal i opgørelsen er afrundet til et multiplum af %1, op eller ned med højst %2, og på samme måde hver gang de samme registreringer indgår (grundtal %1, indstilles under Indstillinger).</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) differ from the exact count.</source>
        <translation>
            <numerusform>%n tal afviger fra det nøjagtige antal.</numerusform>
            <numerusform>%n tal afviger fra det nøjagtige antal.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: persons reached</source>
        <translation>%1: antal nåede personer</translation>
    </message>
    <message>
        <source>%1 → not shown (too few to break down)</source>
        <translation>%1 → vises ikke (for få til at blive opdelt)</translation>
    </message>
    <message>
        <source>%1 → not shown (it would reveal a small count)</source>
        <translation>%1 → vises ikke (det ville afsløre et lille tal)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 → &lt;%2</source>
        <translation>%1 → &lt;%2</translation>
    </message>
    <message>
        <source>%1 → x (protects a hidden count)</source>
        <translation>%1 → x (beskytter et skjult tal)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>Gemmer opgørelsen…</translation>
    </message>
    <message>
        <source>Saved %1 in %2.</source>
        <translation>Gemte %1 i %2.</translation>
    </message>
    <message>
        <source>Drawing the report</source>
        <translation>Tegner rapporten</translation>
    </message>
    <message>
        <source>Writing the file</source>
        <translation>Skriver filen</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Last seen %1</source>
        <translation>Sidst set %1</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Ikke set endnu</translation>
    </message>
    <message>
        <source>age unknown</source>
        <translation>alder ukendt</translation>
    </message>
</context>
<context>
    <name>ReviewCard</name>
    <message>
        <source>The PII guard took out %1. Check what is left.</source>
        <translation>Persondatakontrollen har fjernet %1. Tjek det, der er tilbage.</translation>
    </message>
    <message>
        <source>Description as it will be printed</source>
        <translation>Beskrivelsen, som den bliver udskrevet</translation>
    </message>
    <message>
        <source>Nothing will be printed for this incident.</source>
        <translation>Der udskrives ingen beskrivelse for denne hændelse.</translation>
    </message>
    <message>
        <source>I have read this and it identifies nobod&amp;y</source>
        <translation>Jeg har læst teksten, og &amp;ingen kan genkendes ud fra den</translation>
    </message>
    <message>
        <source>Confirm this description</source>
        <translation>Bekræft beskrivelsen</translation>
    </message>
    <message>
        <source>The PII guard changed this text again. Read it once more.</source>
        <translation>Persondatakontrollen har ændret teksten igen. Læs den en gang til.</translation>
    </message>
</context>
<context>
    <name>RotationDialog</name>
    <message numerus="yes">
        <source>About %n s left.</source>
        <translation>
            <numerusform>Omkring %n sek. tilbage.</numerusform>
            <numerusform>Omkring %n sek. tilbage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: the vault is now under a new key.</source>
        <translation>Færdig: boksen har nu en ny nøgle.</translation>
    </message>
    <message>
        <source>The key was not changed; the vault is as it was.</source>
        <translation>Nøglen blev ikke skiftet; boksen er, som den var.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Writing the vault under a new key…</source>
        <translation>Skriver boksen med en ny nøgle…</translation>
    </message>
    <message>
        <source>Checking the new copy…</source>
        <translation>Kontrollerer den nye kopi…</translation>
    </message>
    <message>
        <source>Swapping it in…</source>
        <translation>Skifter den ind…</translation>
    </message>
    <message>
        <source>%1&apos;s old key file and passphrase open nothing written from now on.</source>
        <translation>%1s gamle nøglefil og adgangskode åbner intet, der skrives fra nu af.</translation>
    </message>
    <message>
        <source>The old recovery code opens nothing written from now on.</source>
        <translation>Den gamle gendannelseskode åbner intet, der skrives fra nu af.</translation>
    </message>
    <message>
        <source>Old copies of the key file open nothing written from now on.</source>
        <translation>Gamle kopier af nøglefilen åbner intet, der skrives fra nu af.</translation>
    </message>
    <message>
        <source>The recovery code was in an old format and could not be kept: there is a new one, shown once under Staff and keys. Write it down or save the sheet.</source>
        <translation>Gendannelseskoden var i et gammelt format og kunne ikke beholdes: der er en ny, som vises én gang under Medarbejdere og nøgler. Skriv den ned, eller gem arket.</translation>
    </message>
    <message>
        <source>These staff members had keys in an old format and need a new passphrase: %1.</source>
        <translation>Disse medarbejdere havde nøgler i et gammelt format og skal have en ny adgangskode: %1.</translation>
    </message>
    <message>
        <source>Change the vault key</source>
        <translation>Skift boksens nøgle</translation>
    </message>
    <message>
        <source>Revoke %1&apos;s key</source>
        <translation>Inddrag %1s nøgle</translation>
    </message>
    <message>
        <source>A new recovery code</source>
        <translation>En ny gendannelseskode</translation>
    </message>
    <message>
        <source>Red Van writes the whole vault again under a new random key, checks the copy, then swaps it in. Everyone who keeps access keeps their passphrase.</source>
        <translation>Red Van skriver hele boksen igen med en ny, tilfældig nøgle, kontrollerer kopien og skifter den så ind. Alle, der beholder adgang, beholder deres adgangskode.</translation>
    </message>
    <message>
        <source>%1 loses their key: their old key file and passphrase will open nothing written from now on.</source>
        <translation>%1 mister sin nøgle: vedkommendes gamle nøglefil og adgangskode vil ikke åbne noget, der skrives fra nu af.</translation>
    </message>
    <message>
        <source>The old recovery code stops working; the new one is shown once at the end.</source>
        <translation>Den gamle gendannelseskode holder op med at virke; den nye vises én gang til sidst.</translation>
    </message>
    <message>
        <source>Keep Red Van open until it is done. If the computer stops half-way, the vault opens as it was before or as it is after, never half-changed.</source>
        <translation>Hold Red Van åben, til det er færdigt. Hvis computeren stopper midt i det, åbner boksen, som den var før eller som den er efter, aldrig halvt skiftet.</translation>
    </message>
    <message>
        <source>Backups made before this change still open with the old key. After it, you can destroy those beside the vault under Backups; copies elsewhere must be destroyed where they are.</source>
        <translation>Sikkerhedskopier fra før dette skift kan stadig åbnes med den gamle nøgle. Bagefter kan du slette dem ved siden af boksen under Sikkerhedskopier; kopier andre steder skal slettes der, hvor de er.</translation>
    </message>
    <message>
        <source>&amp;Change the key</source>
        <translation>&amp;Skift nøglen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
</context>
<context>
    <name>SafeguardCard</name>
    <message>
        <source>Under 18 — safeguarding</source>
        <translation>Under 18 år — underretning</translation>
    </message>
    <message>
        <source>The team has a duty to notify the municipality (underretning) when a child may be at risk. Follow the safeguarding procedure tonight and talk to the coordinator on duty.</source>
        <translation>Teamet har pligt til at underrette kommunen, når et barn kan være i fare. Følg proceduren for underretning i aften, og tal med den vagthavende koordinator.</translation>
    </message>
    <message>
        <source>I &amp;will follow the safeguarding procedure</source>
        <translation>&amp;Jeg følger proceduren for underretning</translation>
    </message>
    <message>
        <source>I will follow the safeguarding procedure</source>
        <translation>Jeg følger proceduren for underretning</translation>
    </message>
</context>
<context>
    <name>SaveBanner</name>
    <message>
        <source>&amp;Undo  (Ctrl+Z)</source>
        <translation>Fortry&amp;d  (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo the last save</source>
        <translation>Fortryd den kontakt, der lige blev gemt</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves from anywhere; Ctrl+Z takes the last save back.</source>
        <translation>Ctrl+Enter gemmer, uanset hvor du står; Ctrl+Z fortryder det, du lige har gemt.</translation>
    </message>
    <message>
        <source>Saved — %1 (new person)</source>
        <translation>Gemt — %1 (ny person)</translation>
    </message>
    <message>
        <source>Saved — %1</source>
        <translation>Gemt — %1</translation>
    </message>
    <message>
        <source>Saved — contact without code</source>
        <translation>Gemt — kontakt uden kode</translation>
    </message>
    <message>
        <source>Undone — that contact was taken back.</source>
        <translation>Fortrudt — kontakten er fjernet igen.</translation>
    </message>
    <message>
        <source>Undone — the entry is back in the form. Change it and save again, or clear it.</source>
        <translation>Fortrudt — registreringen er tilbage i formularen. Ret den, og gem igen, eller ryd den.</translation>
    </message>
</context>
<context>
    <name>SaveBar</name>
    <message>
        <source>E&amp;dit note</source>
        <translation>R&amp;et note</translation>
    </message>
    <message>
        <source>Edit the note</source>
        <translation>Ret noten</translation>
    </message>
    <message>
        <source>Save an&amp;yway</source>
        <translation>&amp;Gem alligevel</translation>
    </message>
    <message>
        <source>Save the note as it is</source>
        <translation>Gem noten, som den er</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>&amp;Ryd</translation>
    </message>
    <message>
        <source>Clear the form without saving</source>
        <translation>Ryd formularen uden at gemme</translation>
    </message>
    <message>
        <source>Save  (Ctrl+Enter)</source>
        <translation>Gem  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save the contact</source>
        <translation>Gem kontakten</translation>
    </message>
</context>
<context>
    <name>SavedFileNotice</name>
    <message>
        <source>Open the folder</source>
        <translation>Åbn mappen</translation>
    </message>
    <message>
        <source>Open the folder of the saved file</source>
        <translation>Åbn mappen med den gemte fil</translation>
    </message>
</context>
<context>
    <name>ServicesGrid</name>
    <message>
        <source>Press %1 to switch on or off</source>
        <translation>Tryk %1 for at slå til eller fra</translation>
    </message>
    <message>
        <source>Quantity of %1</source>
        <translation>Antal: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>Settings are looked after by a coordinator: the lists, staff and keys, locking, retention and backups. Ask your coordinator if something needs to change.

You can switch the language under View → Language.</source>
        <translation>Indstillingerne varetages af en koordinator: lister, medarbejdere og nøgler, låsning, opbevaringsperioder og sikkerhedskopier. Spørg din koordinator, hvis noget skal ændres.

Du kan skifte sprog under Vis → Sprog.</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Lister</translation>
    </message>
    <message>
        <source>Staff and keys</source>
        <translation>Medarbejdere og nøgler</translation>
    </message>
    <message>
        <source>Locking and privacy</source>
        <translation>Låsning og privatliv</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sikkerhedskopier</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Reporting day</source>
        <translation>Opgørelsesdag</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>ShiftPanel</name>
    <message>
        <source>No shift is running. Start one to log tonight.</source>
        <translation>Der er ingen vagt i gang. Start en vagt for at registrere i aften.</translation>
    </message>
    <message>
        <source>&amp;Team or van:</source>
        <translation>&amp;Team eller bus:</translation>
    </message>
    <message>
        <source>e.g. Van 1</source>
        <translation>fx Bus 1</translation>
    </message>
    <message>
        <source>Team or van</source>
        <translation>Team eller bus</translation>
    </message>
    <message>
        <source>&amp;Zones:</source>
        <translation>&amp;Områder:</translation>
    </message>
    <message>
        <source>Zones of the shift (Space checks)</source>
        <translation>Vagtens områder (mellemrumstasten markerer)</translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation>&amp;Medarbejdere:</translation>
    </message>
    <message>
        <source>Staff on the shift (Space checks)</source>
        <translation>Medarbejdere på vagten (mellemrumstasten markerer)</translation>
    </message>
    <message>
        <source>Sta&amp;rt shift</source>
        <translation>&amp;Start vagt</translation>
    </message>
    <message>
        <source>Start the shift</source>
        <translation>Start vagten</translation>
    </message>
    <message>
        <source>Shift running</source>
        <translation>Vagt i gang</translation>
    </message>
    <message>
        <source>&amp;End shift…</source>
        <translation>&amp;Afslut vagt…</translation>
    </message>
    <message>
        <source>End the shift</source>
        <translation>Afslut vagten</translation>
    </message>
    <message>
        <source>&amp;Keep going</source>
        <translation>Fo&amp;rtsæt vagten</translation>
    </message>
    <message>
        <source>End shift &amp;now</source>
        <translation>Afslut vagten &amp;nu</translation>
    </message>
    <message>
        <source>Keep the shift running</source>
        <translation>Lad vagten fortsætte</translation>
    </message>
    <message>
        <source>Yes, end the shift now</source>
        <translation>Ja, afslut vagten nu</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>siden kl. %1</translation>
    </message>
    <message>
        <source>Name the team or van.</source>
        <translation>Skriv teamets eller bussens navn.</translation>
    </message>
    <message>
        <source>Check at least one staff member on the shift.</source>
        <translation>Markér mindst én medarbejder på vagten.</translation>
    </message>
    <message>
        <source>End the shift at %1? Everything recorded stays saved.</source>
        <translation>Afslut vagten kl. %1? Alt, hvad der er registreret, forbliver gemt.</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (dig)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Has a key</source>
        <translation>Har nøgle</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>Ingen nøgle</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medarbejder</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Nøgle</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <source>Staff</source>
        <translation>Medarbejdere</translation>
    </message>
    <message>
        <source>&amp;Who may unlock this vault. Each person has their own passphrase: their own key.</source>
        <translation>Hvem der må låse denne &amp;boks op. Hver person har sin egen adgangskode: sin egen nøgle.</translation>
    </message>
    <message>
        <source>Staff members</source>
        <translation>Medarbejdere</translation>
    </message>
    <message>
        <source>&amp;Revoke key…</source>
        <translation>Inddrag &amp;nøgle…</translation>
    </message>
    <message>
        <source>Yes, revo&amp;ke</source>
        <translation>Ja, in&amp;ddrag</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>Tilføj en medarbejder</translation>
    </message>
    <message numerus="yes">
        <source>Let the new member type their own passphrase (at least %n characters; a few unrelated words work well).</source>
        <translation>
            <numerusform>Lad den nye medarbejder selv skrive sin adgangskode (mindst %n tegn; et par ord, der ikke hænger sammen, fungerer godt).</numerusform>
            <numerusform>Lad den nye medarbejder selv skrive sin adgangskode (mindst %n tegn; et par ord, der ikke hænger sammen, fungerer godt).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Initials</source>
        <translation>&amp;Initialer</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>R&amp;olle</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <source>Repea&amp;t</source>
        <translation>&amp;Gentag</translation>
    </message>
    <message>
        <source>Initials of the new staff member</source>
        <translation>Den nye medarbejders initialer</translation>
    </message>
    <message>
        <source>Role of the new staff member</source>
        <translation>Den nye medarbejders rolle</translation>
    </message>
    <message>
        <source>Passphrase of the new staff member</source>
        <translation>Den nye medarbejders adgangskode</translation>
    </message>
    <message>
        <source>Repeat the new member&apos;s passphrase</source>
        <translation>Gentag den nye medarbejders adgangskode</translation>
    </message>
    <message>
        <source>A&amp;dd with own key</source>
        <translation>Tilføj med &amp;egen nøgle</translation>
    </message>
    <message>
        <source>My passphrase</source>
        <translation>Min adgangskode</translation>
    </message>
    <message>
        <source>C&amp;urrent</source>
        <translation>N&amp;uværende</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>N&amp;y</translation>
    </message>
    <message>
        <source>Rep&amp;eat new</source>
        <translation>Gen&amp;tag ny</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Nuværende adgangskode</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Ny adgangskode</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Gentag den nye adgangskode</translation>
    </message>
    <message>
        <source>Change &amp;my passphrase</source>
        <translation>&amp;Skift min adgangskode</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Gendannelseskode</translation>
    </message>
    <message>
        <source>The recovery code opens the vault when a passphrase is forgotten. Make a new one if the old sheet may have been seen or lost; the old code then stops working.</source>
        <translation>Gendannelseskoden åbner boksen, når en adgangskode er glemt. Lav en ny, hvis andre kan have set det gamle ark, eller hvis det er blevet væk; den gamle kode holder så op med at virke.</translation>
    </message>
    <message>
        <source>Make a new re&amp;covery code…</source>
        <translation>Lav en ny gendannelses&amp;kode…</translation>
    </message>
    <message>
        <source>Change the vault &amp;key…</source>
        <translation>Skift boksens nøg&amp;le…</translation>
    </message>
    <message>
        <source>The current recovery code will stop working. Make a new one now?</source>
        <translation>Den nuværende gendannelseskode holder op med at virke. Vil du lave en ny nu?</translation>
    </message>
    <message>
        <source>&amp;Make new code</source>
        <translation>&amp;Lav ny kode</translation>
    </message>
    <message>
        <source>Shown only now. Write it down or save the sheet, and keep it away from this computer. Without a passphrase or this code, the vault cannot be opened by anyone.</source>
        <translation>Vises kun nu. Skriv koden ned, eller gem arket, og opbevar det et andet sted end på denne computer. Uden en adgangskode eller denne kode kan ingen åbne boksen.</translation>
    </message>
    <message>
        <source>&amp;Save recovery sheet (PDF)…</source>
        <translation>Gem gendannelsesark (&amp;PDF)…</translation>
    </message>
    <message>
        <source>I ha&amp;ve stored it — hide the code</source>
        <translation>&amp;Jeg har gemt den — skjul koden</translation>
    </message>
    <message>
        <source>%1 will no longer be able to unlock this vault. What they recorded stays. Revoke their key?</source>
        <translation>%1 vil ikke længere kunne låse denne boks op. Det, vedkommende har registreret, bevares. Vil du inddrage nøglen?</translation>
    </message>
    <message>
        <source>%1 has no key to this vault. Mark them as no longer on the staff? What they recorded stays.</source>
        <translation>%1 har ingen nøgle til denne boks. Vil du markere vedkommende som inaktiv? Det, vedkommende har registreret, bevares.</translation>
    </message>
    <message>
        <source>%1 can no longer unlock this vault.</source>
        <translation>%1 kan ikke længere låse denne boks op.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De to adgangskoder er ikke ens.</translation>
    </message>
    <message>
        <source>Type the new member&apos;s initials.</source>
        <translation>Skriv den nye medarbejders initialer.</translation>
    </message>
    <message>
        <source>%1 already has a key to this vault.</source>
        <translation>%1 har allerede en nøgle til denne boks.</translation>
    </message>
    <message>
        <source>Making %1&apos;s key… this takes a few seconds.</source>
        <translation>Laver en nøgle til %1… det tager et par sekunder.</translation>
    </message>
    <message>
        <source>%1 was added and can unlock the vault with their own passphrase.</source>
        <translation>%1 er tilføjet og kan låse boksen op med sin egen adgangskode.</translation>
    </message>
    <message>
        <source>Type your current passphrase first.</source>
        <translation>Skriv først din nuværende adgangskode.</translation>
    </message>
    <message>
        <source>Changing your passphrase…</source>
        <translation>Skifter din adgangskode…</translation>
    </message>
    <message>
        <source>Your passphrase was changed. Use the new one from the next unlock.</source>
        <translation>Din adgangskode er skiftet. Brug den nye, næste gang du låser op.</translation>
    </message>
    <message>
        <source>That is not your current passphrase.</source>
        <translation>Det er ikke din nuværende adgangskode.</translation>
    </message>
    <message>
        <source>The sheet could not be saved there. Choose another place.</source>
        <translation>Arket kunne ikke gemmes der. Vælg et andet sted.</translation>
    </message>
    <message>
        <source>The new recovery code is in use.</source>
        <translation>Den nye gendannelseskode er taget i brug.</translation>
    </message>
</context>
<context>
    <name>TallyPreviewModel</name>
    <message>
        <source>Totals</source>
        <translation>Totaler</translation>
    </message>
    <message>
        <source>Contacts with and without a code</source>
        <translation>Kontakter med og uden personkode</translation>
    </message>
    <message>
        <source>Contacts per week</source>
        <translation>Kontakter pr. uge</translation>
    </message>
    <message>
        <source>Contacts by channel</source>
        <translation>Kontakter fordelt på kanal</translation>
    </message>
    <message>
        <source>Contacts by zone</source>
        <translation>Kontakter fordelt på område</translation>
    </message>
    <message>
        <source>Contacts by age band</source>
        <translation>Kontakter fordelt på aldersgruppe</translation>
    </message>
    <message>
        <source>Contacts by gender</source>
        <translation>Kontakter fordelt på køn</translation>
    </message>
    <message>
        <source>Contacts by language</source>
        <translation>Kontakter fordelt på sprog</translation>
    </message>
    <message>
        <source>New and known persons</source>
        <translation>Nye og kendte personer</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Ydelser</translation>
    </message>
    <message>
        <source>Services: handed out</source>
        <translation>Ydelser: uddelt</translation>
    </message>
    <message>
        <source>Referrals by partner organisation</source>
        <translation>Henvisninger pr. samarbejdspartner</translation>
    </message>
    <message>
        <source>Referrals by status</source>
        <translation>Henvisninger pr. status</translation>
    </message>
    <message>
        <source>Follow-ups due, by status</source>
        <translation>Opfølgninger med frist, pr. status</translation>
    </message>
    <message>
        <source>Incidents by type</source>
        <translation>Hændelser pr. type</translation>
    </message>
    <message>
        <source>Incidents by consent tier</source>
        <translation>Hændelser pr. samtykkeniveau</translation>
    </message>
    <message>
        <source>Incidents reported to the police</source>
        <translation>Hændelser anmeldt til politiet</translation>
    </message>
    <message>
        <source>Contacts in the weeks before (chart)</source>
        <translation>Kontakter i ugerne før (diagram)</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <source>Persons with a code</source>
        <translation>Personer med personkode</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Opfølgninger med frist</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Hændelser</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>vises ikke</translation>
    </message>
    <message>
        <source>Too few to break down</source>
        <translation>For få til at blive opdelt</translation>
    </message>
    <message>
        <source>Cannot be shown without revealing a small count</source>
        <translation>Kan ikke vises uden at afsløre et lille tal</translation>
    </message>
    <message>
        <source>Below %1</source>
        <translation>Under %1</translation>
    </message>
    <message>
        <source>Hidden so a count below %1 cannot be worked out</source>
        <translation>Skjult, så et tal under %1 ikke kan regnes ud</translation>
    </message>
    <message>
        <source>Rounded to a multiple of %1</source>
        <translation>Afrundet til et multiplum af %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Tal</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Nøjagtigt</translation>
    </message>
    <message>
        <source>In the report</source>
        <translation>I opgørelsen</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Hvorfor</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Henvisning</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hvad</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
</context>
<context>
    <name>TonightContactsModel</name>
    <message>
        <source>No code</source>
        <translation>Uden kode</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (ny)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Ydelser</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
</context>
<context>
    <name>TonightPage</name>
    <message>
        <source>Tonight</source>
        <translation>I aften</translation>
    </message>
    <message>
        <source>New contact (Ctrl+N)</source>
        <translation>Ny kontakt (Ctrl+N)</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Ny kontakt</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Uncoded</source>
        <translation>Uden kode</translation>
    </message>
    <message>
        <source>New persons</source>
        <translation>Nye personer</translation>
    </message>
    <message>
        <source>Tonight&apos;s contacts</source>
        <translation>Aftenens kontakter</translation>
    </message>
    <message>
        <source>No contacts yet tonight. Press Ctrl+N to record the first one.</source>
        <translation>Ingen kontakter endnu i aften. Tryk Ctrl+N for at registrere den første.</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Aktuelle opfølgninger</translation>
    </message>
    <message>
        <source>Follow-ups due today or overdue</source>
        <translation>Opfølgninger med frist i dag eller overskredet frist</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+8 switch screens</source>
        <translation>Ctrl+1 … Ctrl+8 skifter skærmbillede</translation>
    </message>
    <message>
        <source>Tonight&apos;s contacts, newest first · double-click or right-click to correct</source>
        <translation>Aftenens kontakter, nyeste først · dobbeltklik eller højreklik for at rette</translation>
    </message>
    <message>
        <source>Nothing due today.</source>
        <translation>Ingen frister i dag.</translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups due (%n)</source>
        <translation>
            <numerusform>Aktuelle opfølgninger (%n)</numerusform>
            <numerusform>Aktuelle opfølgninger (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrustSigner</name>
    <message>
        <source>Trust this &amp;device…</source>
        <translation>Stol på denne &amp;enhed…</translation>
    </message>
    <message>
        <source>Trust the device that signed this bundle</source>
        <translation>Stol på enheden, der signerede denne revisionspakke</translation>
    </message>
    <message>
        <source>Trust this device?</source>
        <translation>Stol på denne enhed?</translation>
    </message>
    <message>
        <source>Trust device %1 from now on?

Compare this fingerprint with the one the coordinator&apos;s device shows (Settings, or “redvan device”) before you say yes. Its public key is added to %2; bundles it signs will then count as trusted.</source>
        <translation>Stol på enhed %1 fra nu af?

Sammenlign dette fingeraftryk med det, koordinatorens enhed viser (Indstillinger eller “redvan device”), før du siger ja. Dens offentlige nøgle bliver tilføjet til %2; revisionspakker, den signerer, tæller derefter som betroede.</translation>
    </message>
    <message>
        <source>Device %1 is trusted now (%2).</source>
        <translation>Enhed %1 er nu betroet (%2).</translation>
    </message>
</context>
<context>
    <name>TrustedKeysTab</name>
    <message>
        <source>The signature was checked against these device keys. They are read from:</source>
        <translation>Signaturen er kontrolleret mod disse enhedsnøgler. De læses fra:</translation>
    </message>
    <message>
        <source>Trusted device keys</source>
        <translation>Betroede enhedsnøgler</translation>
    </message>
    <message>
        <source>This viewer never changes that file. To trust a device, run “redvan device --pubkey” on it, check the fingerprint with its coordinator, and append the output to the file above; or give it for one check with “redvan open FILE --pubkey KEY”.</source>
        <translation>Fremviseren ændrer aldrig den fil. For at betro en enhed: kør “redvan device --pubkey” på den, tjek fingeraftrykket med dens koordinator, og tilføj outputtet sidst i filen ovenfor; eller giv nøglen til en enkelt kontrol med “redvan open FIL --pubkey NØGLE”.</translation>
    </message>
    <message>
        <source>%1 (there is no such file yet)</source>
        <translation>%1 (filen findes ikke endnu)</translation>
    </message>
    <message>
        <source>Some trusted keys could not be read; the others were used.</source>
        <translation>Nogle betroede nøgler kunne ikke læses; de andre er brugt.</translation>
    </message>
    <message>
        <source>given on the command line</source>
        <translation>givet på kommandolinjen</translation>
    </message>
    <message>
        <source>signed this bundle</source>
        <translation>signerede denne pakke</translation>
    </message>
    <message>
        <source>No trusted keys.</source>
        <translation>Ingen betroede nøgler.</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock the vault</source>
        <translation>Lås boksen op</translation>
    </message>
    <message>
        <source>&amp;Staff member</source>
        <translation>&amp;Medarbejder</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås op</translation>
    </message>
    <message>
        <source>Forgot the passphrase?</source>
        <translation>Glemt adgangskoden?</translation>
    </message>
    <message>
        <source>Another vault…</source>
        <translation>En anden boks…</translation>
    </message>
    <message>
        <source>&amp;Restore the newest backup…</source>
        <translation>&amp;Gendan den nyeste sikkerhedskopi…</translation>
    </message>
    <message>
        <source>Updating the vault to this version of Red Van</source>
        <translation>Opdaterer boksen til denne version af Red Van</translation>
    </message>
    <message>
        <source>Backing up the vault before the update</source>
        <translation>Tager sikkerhedskopi af boksen før opdateringen</translation>
    </message>
    <message>
        <source>Checking the backup</source>
        <translation>Kontrollerer sikkerhedskopien</translation>
    </message>
    <message>
        <source>Writing the backup file</source>
        <translation>Skriver sikkerhedskopifilen</translation>
    </message>
    <message>
        <source>Updating the vault, one step at a time</source>
        <translation>Opdaterer boksen, ét trin ad gangen</translation>
    </message>
    <message numerus="yes">
        <source>Wait %n s</source>
        <translation>
            <numerusform>Vent %n sek.</numerusform>
            <numerusform>Vent %n sek.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Låser op…</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Signed by</source>
        <translation>Signeret af</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhed</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Løbenummer</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Lavet</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>The signature (.minisig file beside the bundle) is missing or cannot be read.</source>
        <translation>Signaturen (.minisig-filen ved siden af pakken) mangler eller kan ikke læses.</translation>
    </message>
    <message>
        <source>The signature is valid and the device is trusted.</source>
        <translation>Signaturen er gyldig, og enheden er betroet.</translation>
    </message>
    <message>
        <source>The signature is valid, but the device that made it is not among the trusted keys.</source>
        <translation>Signaturen er gyldig, men enheden, der lavede den, er ikke blandt de betroede nøgler.</translation>
    </message>
    <message>
        <source>The signature cannot be checked: the device that made it is not among the trusted keys.</source>
        <translation>Signaturen kan ikke kontrolleres: enheden, der lavede den, er ikke blandt de betroede nøgler.</translation>
    </message>
    <message>
        <source>The signature does not verify: the bundle was changed after it was signed.</source>
        <translation>Signaturen holder ikke: pakken er ændret, efter at den blev signeret.</translation>
    </message>
    <message>
        <source>The signature names device %1, but the bundle says it is from %2.</source>
        <translation>Signaturen nævner enhed %1, men pakken siger, at den kommer fra %2.</translation>
    </message>
    <message>
        <source>The manifest does not match the bundle&apos;s contents:</source>
        <translation>Manifestet passer ikke med pakkens indhold:</translation>
    </message>
    <message>
        <source>Every file in the bundle matches its manifest hash.</source>
        <translation>Alle filer i pakken passer med deres hash i manifestet.</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) do not match the records they were counted from.</source>
        <translation>
            <numerusform>%n tal passer ikke med de registreringer, det er talt ud fra.</numerusform>
            <numerusform>%n tal passer ikke med de registreringer, de er talt ud fra.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln figure(s) that can be recomputed from the records match.</source>
        <translation>
            <numerusform>Det %Ln tal, der kan genberegnes ud fra registreringerne, passer.</numerusform>
            <numerusform>Alle %Ln tal, der kan genberegnes ud fra registreringerne, passer.</numerusform>
        </translation>
    </message>
    <message>
        <source>No figure could be recomputed from the records.</source>
        <translation>Intet tal kunne genberegnes ud fra registreringerne.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln figure(s), such as zones and age bands, cannot be recomputed: the de-identified records leave those details out on purpose.</source>
        <translation>
            <numerusform>%Ln tal, fx zoner og aldersgrupper, kan ikke genberegnes: de afidentificerede registreringer udelader med vilje de oplysninger.</numerusform>
            <numerusform>%Ln tal, fx zoner og aldersgrupper, kan ikke genberegnes: de afidentificerede registreringer udelader med vilje de oplysninger.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bundle was encrypted; it was decrypted in memory only.</source>
        <translation>Pakken var krypteret; den er kun dekrypteret i hukommelsen.</translation>
    </message>
    <message>
        <source>%1 (trusted)</source>
        <translation>%1 (betroet)</translation>
    </message>
    <message>
        <source>%1 (not trusted)</source>
        <translation>%1 (ikke betroet)</translation>
    </message>
    <message>
        <source>%1 (unknown key)</source>
        <translation>%1 (ukendt nøgle)</translation>
    </message>
    <message>
        <source>%1 (does not verify)</source>
        <translation>%1 (holder ikke)</translation>
    </message>
    <message>
        <source>Verified: signed by a trusted device, and the figures match.</source>
        <translation>Kontrolleret: signeret af en betroet enhed, og tallene passer.</translation>
    </message>
    <message>
        <source>Not verified: the signing device is not trusted here.</source>
        <translation>Ikke kontrolleret: enheden, der signerede, er ikke betroet her.</translation>
    </message>
    <message>
        <source>Do not rely on this bundle: it failed a check.</source>
        <translation>Stol ikke på denne pakke: den bestod ikke en kontrol.</translation>
    </message>
</context>
<context>
    <name>VocabularyModel</name>
    <message>
        <source>Retired</source>
        <translation>Udfaset</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Kortnavn</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelsk</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dansk</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>VocabularySection</name>
    <message>
        <source>Services</source>
        <translation>Ydelser</translation>
    </message>
    <message>
        <source>Partner organisations (referrals)</source>
        <translation>Samarbejdspartnere (henvisninger)</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Områder</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanaler</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Origin regions</source>
        <translation>Oprindelsesregioner</translation>
    </message>
    <message>
        <source>The lists staff choose from. Every entry has an English and a Danish label. An entry already used in saved records cannot be deleted; it is retired instead, so old records keep it but it is no longer offered.</source>
        <translation>De lister, medarbejderne vælger fra. Hvert punkt har en engelsk og en dansk betegnelse. Et punkt, der allerede er brugt i gemte registreringer, kan ikke slettes; det bliver udfaset i stedet, så gamle registreringer beholder det, men det tilbydes ikke længere.</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>List to edit</source>
        <translation>Liste, der skal redigeres</translation>
    </message>
    <message>
        <source>Entries of the list</source>
        <translation>Listens punkter</translation>
    </message>
    <message>
        <source>&amp;English label</source>
        <translation>&amp;Engelsk betegnelse</translation>
    </message>
    <message>
        <source>&amp;Danish label</source>
        <translation>&amp;Dansk betegnelse</translation>
    </message>
    <message>
        <source>Sl&amp;ug</source>
        <translation>&amp;Kortnavn</translation>
    </message>
    <message>
        <source>English label</source>
        <translation>Engelsk betegnelse</translation>
    </message>
    <message>
        <source>Danish label</source>
        <translation>Dansk betegnelse</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Kortnavn</translation>
    </message>
    <message>
        <source>The short name used in files and exports: a–z, 0–9 and &apos;-&apos;. It cannot change later.</source>
        <translation>Det korte navn, der bruges i filer og eksporter: a–z, 0–9 og &apos;-&apos;. Det kan ikke ændres senere.</translation>
    </message>
    <message>
        <source>Handed out in &amp;numbers (like condoms)</source>
        <translation>Uddeles i &amp;antal (fx kondomer)</translation>
    </message>
    <message>
        <source>Handed out in numbers</source>
        <translation>Uddeles i antal</translation>
    </message>
    <message>
        <source>Re&amp;tire or delete</source>
        <translation>&amp;Udfas eller slet</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>&amp;Genaktivér</translation>
    </message>
    <message>
        <source>&amp;New entry</source>
        <translation>&amp;Nyt punkt</translation>
    </message>
    <message>
        <source>New entry in %1</source>
        <translation>Nyt punkt på listen %1</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Tilføj</translation>
    </message>
    <message>
        <source>&amp;Save labels</source>
        <translation>Gem &amp;betegnelser</translation>
    </message>
    <message>
        <source>The slug may only hold lower-case letters a–z, digits and &apos;-&apos; (at most 40).</source>
        <translation>Kortnavnet må kun indeholde små bogstaver a–z, cifre og &apos;-&apos; (højst 40).</translation>
    </message>
    <message>
        <source>This list already has an entry with that slug.</source>
        <translation>Listen har allerede et punkt med det kortnavn.</translation>
    </message>
    <message>
        <source>Type the English and Danish labels and a slug.</source>
        <translation>Skriv den engelske og den danske betegnelse og et kortnavn.</translation>
    </message>
    <message>
        <source>Every entry needs both an English and a Danish label.</source>
        <translation>Hvert punkt skal have både en engelsk og en dansk betegnelse.</translation>
    </message>
    <message>
        <source>Added “%1”.</source>
        <translation>“%1” er tilføjet.</translation>
    </message>
    <message>
        <source>Saved the labels of “%1”.</source>
        <translation>Betegnelserne for “%1” er gemt.</translation>
    </message>
    <message>
        <source>Deleted “%1”: it was not used in any record.</source>
        <translation>“%1” er slettet: punktet var ikke brugt i nogen registrering.</translation>
    </message>
    <message>
        <source>Retired “%1”: saved records use it, so it stays in them, but it is no longer offered.</source>
        <translation>“%1” er udfaset: punktet bruges i gemte registreringer og bliver stående i dem, men tilbydes ikke længere.</translation>
    </message>
    <message>
        <source>“%1” is offered again.</source>
        <translation>“%1” tilbydes igen.</translation>
    </message>
</context>
<context>
    <name>WeekEstimateModel</name>
    <message>
        <source>Week</source>
        <translation>Uge</translation>
    </message>
    <message>
        <source>Estimated persons</source>
        <translation>Anslåede personer</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>Mindst</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Højst</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Red Van Intake</source>
        <translation>Red Van Intake</translation>
    </message>
    <message>
        <source>Record contacts, services, referrals, follow-ups and incidents on the night shift, offline and encrypted. People are counted without being known: a person is a code they choose and an alias.</source>
        <translation>Registrér kontakter, ydelser, henvisninger, opfølgninger og hændelser på nattevagten, krypteret og uden internet. Personer tælles med uden at blive kendt: en person er en kode, som personen selv vælger, og et alias.</translation>
    </message>
    <message>
        <source>&amp;Create a new vault</source>
        <translation>&amp;Opret en ny boks</translation>
    </message>
    <message>
        <source>&amp;Open a vault…</source>
        <translation>&amp;Åbn en boks…</translation>
    </message>
    <message>
        <source>An auditor? Open an &amp;audit bundle…</source>
        <translation>Revisor? Åbn en &amp;revisionspakke…</translation>
    </message>
    <message>
        <source>The last vault, %1, is not there any more. Nothing was deleted by this app: if the file was moved or is on a disk that is not connected, open it with “Open a vault…”.</source>
        <translation>Den seneste boks, %1, er der ikke længere. Appen har ikke slettet noget: hvis filen er flyttet eller ligger på en disk, der ikke er tilsluttet, så åbn den med “Åbn en boks…”.</translation>
    </message>
</context>
<context>
    <name>WhatHappened</name>
    <message>
        <source>Date of the incident</source>
        <translation>Hændelsens dato</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Reported to the police</source>
        <translation>Anmeldt til politiet</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Dato</translation>
    </message>
    <message>
        <source>&amp;Zone</source>
        <translation>O&amp;mråde</translation>
    </message>
    <message>
        <source>Reported to the &amp;police</source>
        <translation>Anmeldt til &amp;politiet</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <source>What happened, and anything other workers should look out for</source>
        <translation>Hvad der skete, og hvad andre opsøgende medarbejdere bør holde øje med</translation>
    </message>
    <message>
        <source>&amp;What happened (one or more)</source>
        <translation>Hvad &amp;skete der (et eller flere)</translation>
    </message>
    <message>
        <source>Descr&amp;iption (optional — no names, numbers or addresses)</source>
        <translation>Beskr&amp;ivelse (valgfri — ingen navne, numre eller adresser)</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Intet område</translation>
    </message>
</context>
</TS>
