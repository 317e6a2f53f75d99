package org.newsarchive.analysis;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.Test;

/** The archive's full-text chain: possessive, proper-noun marker, lowercase, folding, stemming. */
public class AnalysisChainTest {

    private static List<String> analyze(String text) throws IOException {
        StandardTokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        TokenStream stream = new EnglishPossessiveFilterFactory().create(tokenizer);
        stream = new ProperNounMarkerFilterFactory().create(stream);
        stream = new LowerCaseFilter(stream);
        stream = new AsciiFoldingFilterFactory().create(stream);
        stream = new EnglishStemFilterFactory().create(stream);
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute posInc = stream.addAttribute(PositionIncrementAttribute.class);
        List<String> tokens = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
            tokens.add((posInc.getPositionIncrement() == 0 ? "+" : "") + term.toString());
        }
        stream.end();
        stream.close();
        return tokens;
    }

    @Test
    public void verbsAreIndexedWithTheirStem() throws IOException {
        assertEquals(List.of("kremlin", "denied", "+deny", "reports", "+report"), analyze("Kremlin denied reports"));
        assertEquals(List.of("deny", "denies", "+deny"), analyze("deny denies"));
    }

    @Test
    public void capitalisedNamesAreNotStemmed() throws IOException {
        assertEquals(List.of("denys", "shmyhal", "said"), analyze("Denys Shmyhal said"));
    }

    @Test
    public void possessivesAndAccentsAreRemoved() throws IOException {
        assertEquals(List.of("ukraine", "ulm"), analyze("Ukraine’s Ülm"));
    }
}
