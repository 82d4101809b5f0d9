import Testing
import VaporTesting
import Yams
@Test func placeholder() {}
