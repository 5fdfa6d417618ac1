// The JavaRosa side of tests/reference: load an XForm with JavaRosa (the engine inside ODK Collect,
// as shipped in ODK Validate's jar), apply a script of answers and repeat additions, then print
// every instance node's state and the submission XML. Compiled at test time against the jar.
//
// Usage: java -cp ODK_Validate.jar:DIR ReferenceDriver FORM.xml MEDIA_DIR LAST_SAVED.xml|- SCRIPT...
// Script lines (tab-separated, values escaped as \\ \t \n):  set REF VALUE  |  add REPEAT_REF
// Output lines, after "script N" for each script: node REF RELEVANT REQUIRED VALID VALUE  |
// error STEP MESSAGE  |  xml BASE64  |  loaderror MESSAGE
// REF steps all carry [n] (1-based); the Python side drops it where the step is not a repeat.

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.javarosa.core.model.*;
import org.javarosa.core.model.condition.*;
import org.javarosa.core.model.data.*;
import org.javarosa.core.model.instance.*;
import org.javarosa.core.model.actions.setgeopoint.SetGeopointAction;
import org.javarosa.core.model.actions.setgeopoint.SetGeopointActionHandler;
import org.javarosa.core.reference.*;
import org.javarosa.core.services.PrototypeManager;
import org.javarosa.xform.parse.XFormParser;
import org.javarosa.core.services.PropertyManager;
import org.javarosa.core.services.IPropertyManager;
import org.javarosa.core.services.properties.IPropertyRules;
import org.javarosa.form.api.*;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.javarosa.model.xform.XFormsModule;
import org.javarosa.xform.util.XFormAnswerDataParser;
import org.javarosa.xform.util.XFormUtils;

public class ReferenceDriver {
    static final String LAST_SAVED = "__encuentro_last_saved.xml";
    static PrintStream out;

    public static void main(String[] args) throws Exception {
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        Path form = Paths.get(args[0]);
        File media = new File(args[1]);
        File lastSaved = args[2].equals("-") ? null : new File(args[2]);

        // Collect names months and days (format-date %b, %a) in the device's locale: pin an
        // English device, so the comparison does not depend on the machine running the test.
        Locale.setDefault(Locale.US);
        new XFormsModule().registerModule();
        PropertyManager.setPropertyManager(new Properties());
        ReferenceManager.instance().addReferenceFactory(new MediaFactory(media, lastSaved));
        // A laptop's position service: no fix when odk:setgeopoint fires (its node stays empty;
        // JavaRosa's own stub would write the text "no client implementation" and fail to load
        // the form); a script's `fix` step delivers one later, as Collect does (LaterFix).
        PrototypeManager.registerPrototype(LaterFix.class.getName());
        XFormParser.registerActionHandler(SetGeopointActionHandler.ELEMENT_NAME, new SetGeopointActionHandler() {
            public SetGeopointAction getSetGeopointAction() { return new LaterFix(); }
        });
        // Each script runs on a freshly loaded form, one after the other in this JVM.
        for (int i = 3; i < args.length; i++) {
            out.println("script\t" + (i - 3));
            run(form, media, lastSaved, Files.readAllLines(Paths.get(args[i]), StandardCharsets.UTF_8));
        }
    }

    static void run(Path form, File media, File lastSaved, List<String> script) {
        FormDef def;
        try {
            def = XFormUtils.getFormFromFormXml(form.toString(), lastSaved != null ? "jr://file/" + LAST_SAVED : null);
        } catch (Throwable e) {
            out.println("loaderror\t" + esc(String.valueOf(e)));
            return;
        }
        def.getEvaluationContext().addFunctionHandler(new Pulldata(media));
        FormEntryModel model = new FormEntryModel(def);
        FormEntryController controller = new FormEntryController(model);
        controller.addFunctionHandler(new Pulldata(media));
        LaterFix.asked.clear();  // the actions that ask during this script's load and steps
        try {
            def.initialize(true, new InstanceInitializationFactory());
        } catch (Throwable e) {
            out.println("loaderror\t" + esc(String.valueOf(e)));
            return;
        }

        walk(controller);
        int step = 0;
        for (String line : script) {
            step++;
            if (line.isEmpty()) continue;
            String[] parts = line.split("\t", -1);
            try {
                if (parts[0].equals("set")) {
                    answer(model, controller, def, parts[1], unesc(parts[2]));
                } else if (parts[0].equals("add")) {
                    addRepeat(model, controller, def, parts[1]);
                } else if (parts[0].equals("fix")) {
                    for (LaterFix action : new ArrayList<>(LaterFix.asked)) action.deliver(unesc(parts[1]));
                } else {
                    throw new IllegalArgumentException("unknown step " + parts[0]);
                }
            } catch (Throwable e) {
                out.println("error\t" + step + "\t" + esc(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            walk(controller);
        }
        try {
            dump(def, def.getMainInstance().getRoot(), "");
        } catch (Throwable e) {
            out.println("error\tdump\t" + esc(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        try {
            def.postProcessInstance();
            byte[] xml = new XFormSerializingVisitor(true).serializeInstance(def.getInstance());
            out.println("xml\t" + Base64.getEncoder().encodeToString(xml));
        } catch (Throwable e) {
            out.println("error\txml\t" + esc(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    // A person in Collect swipes through the form: JavaRosa creates the entries a jr:count asks
    // for only when the walk reaches them (FormEntryModel.setQuestionIndex ->
    // createModelIfNecessary). Walking to the end after each step gives every counted entry
    // its instance, as a person who goes through the form before finalising it sees.
    static void walk(FormEntryController controller) {
        controller.jumpToIndex(FormIndex.createBeginningOfFormIndex());
        for (int guard = 0; guard < 1000000; guard++) {
            if (controller.stepToNextEvent() == FormEntryController.EVENT_END_OF_FORM) return;
        }
        throw new IllegalStateException("the form never ends when walked through");
    }

    // -- finding things ---------------------------------------------------------------------
    static TreeElement resolve(FormDef def, String ref) {
        String[] steps = ref.replaceFirst("^/", "").split("/");
        TreeElement current = def.getMainInstance().getRoot();
        if (!current.getName().equals(steps[0].replaceFirst("\\[.*", ""))) {
            throw new IllegalArgumentException("no root " + steps[0]);
        }
        for (int i = 1; i < steps.length; i++) {
            String name = steps[i];
            int mult = 0;
            int bracket = name.indexOf('[');
            if (bracket >= 0) {
                mult = Integer.parseInt(name.substring(bracket + 1, name.length() - 1)) - 1;
                name = name.substring(0, bracket);
            }
            TreeElement child = current.getChild(name, mult);
            if (child == null) throw new IllegalArgumentException("no node " + ref);
            current = child;
        }
        return current;
    }

    static FormIndex findIndex(FormEntryModel model, TreeReference ref, int event) {
        FormIndex index = FormIndex.createBeginningOfFormIndex();
        while (true) {
            index = model.incrementIndex(index, true);
            if (index.isEndOfFormIndex()) return null;
            if (model.getEvent(index) == event && ref.equals(index.getReference())) return index;
        }
    }

    static void answer(FormEntryModel model, FormEntryController controller, FormDef def, String ref, String value) {
        TreeElement element = resolve(def, ref);
        FormIndex index = findIndex(model, element.getRef(), FormEntryController.EVENT_QUESTION);
        if (index == null) throw new IllegalArgumentException("no question " + ref);
        FormEntryPrompt prompt = model.getQuestionPrompt(index);
        IAnswerData data = null;
        if (!value.isEmpty()) {
            QuestionDef question = prompt.getQuestion();
            data = XFormAnswerDataParser.getAnswerData(value, prompt.getDataType(), question);
            if (data == null) throw new IllegalArgumentException("JavaRosa cannot read " + value + " as type " + prompt.getDataType());
        }
        // saveAnswer: stored whatever the constraint says, as Collect does while moving about.
        controller.saveAnswer(index, data, true);
    }

    static void addRepeat(FormEntryModel model, FormEntryController controller, FormDef def, String ref) {
        int slash = ref.lastIndexOf('/');
        TreeElement parent = resolve(def, ref.substring(0, slash));
        String name = ref.substring(slash + 1);
        int count = parent.getChildMultiplicity(name);
        TreeReference target = parent.getRef().extendRef(name, count);
        FormIndex index = findIndex(model, target, FormEntryController.EVENT_PROMPT_NEW_REPEAT);
        if (index == null) throw new IllegalArgumentException("no new-repeat prompt for " + ref);
        // Collect reaches the prompt through FormEntryController.stepToNextEvent, which skips
        // every index FormEntryModel.isIndexRelevant rejects: a repeat that does not apply (or
        // whose parent does not) offers no "add" (issue 10, item 11).
        if (!model.isIndexRelevant(index)) throw new IllegalStateException("no new-repeat prompt: " + ref + " does not apply");
        controller.newRepeat(index);
    }

    // -- output ---------------------------------------------------------------------------------
    static void dump(FormDef def, TreeElement element, String parentRef) {
        if (element.getMult() < 0) return; // a repeat template
        String ref = parentRef + "/" + element.getName() + "[" + (element.getMult() + 1) + "]";
        line(def, element, ref);
        for (int i = 0; i < element.getAttributeCount(); i++) {
            TreeElement attribute = element.getAttribute(element.getAttributeNamespace(i), element.getAttributeName(i));
            if (attribute != null) line(def, attribute, ref + "/@" + element.getAttributeName(i));
        }
        for (int i = 0; i < element.getNumChildren(); i++) {
            dump(def, element.getChildAt(i), ref);
        }
    }

    static void line(FormDef def, TreeElement element, String ref) {
        IAnswerData value = element.getValue();
        String text = value == null ? "" : value.uncast().getString();
        boolean valid = true;
        if (value != null && element.getConstraint() != null) {
            try {
                valid = def.evaluateConstraint(element.getRef(), value);
            } catch (RuntimeException e) {
                // Collect shows this as an error dialog when the person leaves the question.
                out.println("error\tconstraint " + ref + "\t" + esc(e.getClass().getSimpleName() + ": " + e.getMessage()));
                valid = false;
            }
        }
        boolean leaf = element.getNumChildren() == 0;
        out.println("node\t" + ref + "\t" + (element.isRelevant() ? 1 : 0) + "\t" + (element.isRequired() ? 1 : 0)
                + "\t" + (valid ? 1 : 0) + "\t" + (leaf ? esc(text) : ""));
    }

    static String esc(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unesc(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // -- what Collect provides around JavaRosa ------------------------------------------------
    /**
     * Collect's CollectSetGeopointAction without the clock: nothing is written when the action
     * fires; each fix delivered afterwards is written to the node the action asked for last if
     * it is the first since that ask or more accurate than the best so far (Collect's
     * MaxAccuracyWithinTimeoutLocationClient; the 20 s limit is left out, scripts take no time).
     * With no `fix` step the geopoint stays empty, as in Collect when no fix comes.
     */
    public static class LaterFix extends SetGeopointAction {
        static final List<LaterFix> asked = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        boolean any = false;

        public LaterFix() { super(); }

        public void requestLocationUpdates() {
            any = false;  // a new ask resets the best accuracy, as in Collect
            best = Double.POSITIVE_INFINITY;
            if (!asked.contains(this)) asked.add(this);
        }

        void deliver(String position) {
            String[] parts = position.trim().split("\\s+");
            double accuracy = parts.length > 3 ? Double.parseDouble(parts[3]) : 0;
            if (!(accuracy > 0)) accuracy = Double.POSITIVE_INFINITY;
            if (any && accuracy >= best) return;
            any = true;
            best = accuracy;
            saveLocationValue(position);
        }
    }

    /** Device properties, the same values the Python side passes as session properties. */
    static class Properties implements IPropertyManager {
        final Map<String, String> values = new HashMap<>();
        Properties() {
            values.put("deviceid", "reference-device");
            values.put("username", "reference-user");
            values.put("email", "reference@example.org");
            values.put("phonenumber", "");
        }
        public List<String> getProperty(String name) {
            String value = getSingularProperty(name);
            return value == null ? null : Collections.singletonList(value);
        }
        public void setProperty(String name, String value) { values.put(name, value); }
        public void setProperty(String name, List<String> value) { values.put(name, value.isEmpty() ? "" : value.get(0)); }
        public String getSingularProperty(String name) { return values.get(name); }
        public void addRules(IPropertyRules rules) {}
        public List<IPropertyRules> getRules() { return new ArrayList<>(); }
    }

    /** jr://file/NAME and jr://file-csv/NAME from the form's media folder (Collect's layout). */
    static class MediaFactory implements ReferenceFactory {
        final File media;
        final File lastSaved;
        MediaFactory(File media, File lastSaved) { this.media = media; this.lastSaved = lastSaved; }
        public boolean derives(String uri) { return uri.startsWith("jr://file/") || uri.startsWith("jr://file-csv/"); }
        public Reference derive(String uri) {
            String name = uri.substring(uri.lastIndexOf('/') + 1);
            File file = name.equals(LAST_SAVED) && lastSaved != null ? lastSaved : new File(media, name);
            return new FileRef(uri, file);
        }
        public Reference derive(String uri, String context) { return derive(uri); }
    }

    static class FileRef implements Reference {
        final String uri;
        final File file;
        FileRef(String uri, File file) { this.uri = uri; this.file = file; }
        public boolean doesBinaryExist() { return file.exists(); }
        public InputStream getStream() throws IOException { return new FileInputStream(file); }
        public String getURI() { return uri; }
        public String getLocalURI() { return file.getAbsolutePath(); }
        public boolean isReadOnly() { return true; }
        public OutputStream getOutputStream() throws IOException { throw new IOException("read-only"); }
        public void remove() throws IOException { throw new IOException("read-only"); }
        public Reference[] probeAlternativeReferences() { return new Reference[0]; }
    }

    /**
     * pulldata(instance, column, key_column, key): Collect implements it outside JavaRosa, over
     * the CSV media file NAME.csv: the first row whose key column equals the key, '' if none.
     */
    static class Pulldata implements IFunctionHandler {
        final File media;
        final Map<String, List<Map<String, String>>> tables = new HashMap<>();
        Pulldata(File media) { this.media = media; }
        public String getName() { return "pulldata"; }
        public List<Class[]> getPrototypes() { return new ArrayList<>(); }
        public boolean rawArgs() { return true; }
        public boolean realTime() { return false; }
        public Object eval(Object[] args, EvaluationContext ec) {
            if (args.length != 4) throw new IllegalArgumentException("pulldata() takes 4 arguments");
            String table = str(args[0]), column = str(args[1]), keyColumn = str(args[2]), key = str(args[3]);
            for (Map<String, String> row : rows(table)) {
                if (key.equals(row.get(keyColumn))) {
                    String found = row.get(column);
                    return found == null ? "" : found;
                }
            }
            return "";
        }
        static String str(Object value) {
            return org.javarosa.xpath.expr.XPathFuncExpr.toString(value);
        }
        List<Map<String, String>> rows(String table) {
            return tables.computeIfAbsent(table, name -> {
                List<Map<String, String>> rows = new ArrayList<>();
                try {
                    List<String> lines = Files.readAllLines(new File(media, name + ".csv").toPath(), StandardCharsets.UTF_8);
                    String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
                    for (String line : lines.subList(1, lines.size())) {
                        String[] cells = line.split(",", -1);
                        Map<String, String> row = new HashMap<>();
                        for (int i = 0; i < header.length; i++) row.put(header[i].trim(), i < cells.length ? cells[i] : "");
                        rows.add(row);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return rows;
            });
        }
    }
}
